using System.Net;
using System.Net.Sockets;
using Hark.Rtp.Rtcp;

namespace Hark.Rtp.Sessions;

/// <summary>The session's RTCP: Hark's periodic reports and the caller's sender reports.</summary>
public sealed partial class RtpSession
{
    // A sender report once Hark has sent audio, else a receiver report; with a report block on the caller's
    // stream once it has sent any; always with Hark's CNAME. Sent to the caller's RTP port + 1.
    private void SendReportLocked()
    {
        if (_rtcpSocket is null)
        {
            return;
        }

        Span<byte> packet = stackalloc byte[256];
        Span<RtcpReportBlock> blocks = stackalloc RtcpReportBlock[1];
        var blockCount = 0;
        if (_statistics is { IsValid: true } statistics)
        {
            blocks[0] = statistics.CreateReportBlock(_time.GetElapsedTime(_startedAt));
            blockCount = 1;
        }

        var length = _sender.PacketCount > 0
            ? RtcpWriter.WriteSenderReport(
                packet, _sender.Ssrc,
                new RtcpSenderInfo(NtpTimestamp.FromDateTimeOffset(_time.GetUtcNow()), _sender.Timestamp, _sender.PacketCount, _sender.OctetCount),
                blocks[..blockCount])
            : RtcpWriter.WriteReceiverReport(packet, _sender.Ssrc, blocks[..blockCount]);
        length += RtcpWriter.WriteSourceDescription(packet[length..], _sender.Ssrc, "hark");
        var remote = (IPEndPoint)_parameters.Remote.Create(_remote);
        try
        {
            _rtcpSocket.SendTo(packet[..length], SocketFlags.None, new IPEndPoint(remote.Address, remote.Port + 1));
        }
        catch (SocketException)
        {
            // A lost report is not worth ending anything for.
        }
    }

    // Read on the tick like RTP, every ReadReportsEveryTicks ticks: reports come every few seconds and only give the
    // round-trip time, so no receive is left pending per call (no pinned buffer, no thread-pool work per report).
    private void DrainReportsLocked()
    {
        if (_rtcpSocket is not null)
        {
            ReadLocked(_rtcpSocket, MaxReportsPerRead, reports: true, now: 0);
        }
    }

    // The caller's sender reports give the LSR/DLSR of Hark's report blocks (round-trip time for the caller).
    private void OnReportLocked(ReadOnlySpan<byte> datagram)
    {
        var reader = new RtcpCompoundReader(datagram);
        while (reader.TryRead(out var packet))
        {
            if (packet.PacketType == (byte)RtcpPacketType.SenderReport && RtcpSenderReport.TryParse(packet, out var report)
                && _statistics is { } statistics && statistics.Ssrc == report.Ssrc)
            {
                statistics.OnSenderReport(report.SenderInfo.NtpTimestamp, _time.GetElapsedTime(_startedAt));
            }
        }
    }
}
