using System.Net.Sockets;
using System.Net;
using System.Text;
using Hark.Rtp;
using Hark.Storage;
using Hark.Telephony;
using Microsoft.Extensions.Options;

namespace Hark.Host.Operations;

/// <summary>
/// <c>/readyz</c>'s checks: the database takes a write, SIP answers an OPTIONS on its own port, RTP has free
/// ports, the recordings' disk has room, and the notification outbox is moving.
/// </summary>
internal sealed class ReadinessProbe(
    SqliteCallStore store,
    FileRecordingStore recordings,
    RtpPortPool ports,
    IServiceProvider services,
    IOptions<SipOptions> sip,
    IOptions<HealthOptions> options,
    TimeProvider time)
{
    public async Task<IReadOnlyList<ReadinessCheck>> CheckAsync(CancellationToken cancellationToken) =>
    [
        await DatabaseAsync(cancellationToken),
        await SipAsync(cancellationToken),
        Rtp(),
        Disk(),
        await OutboxAsync(cancellationToken),
    ];

    private async Task<ReadinessCheck> DatabaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.ProbeWriteAsync(cancellationToken);
            return new("database", true, store.DatabasePath + " is writable");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new("database", false, $"{store.DatabasePath} is not writable: {e.Message}");
        }
    }

    private async Task<ReadinessCheck> SipAsync(CancellationToken cancellationToken)
    {
        var port = HarkApp.SipPort(services);
        var address = IPAddress.TryParse(sip.Value.ListenAddress, out var listen) && !listen.Equals(IPAddress.Any) && !listen.Equals(IPAddress.IPv6Any)
            ? listen
            : IPAddress.Loopback;
        var target = new IPEndPoint(address, port);
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, 0));
            var local = (IPEndPoint)socket.LocalEndPoint!;
            var request = Encoding.ASCII.GetBytes(SipOptionsRequest(target, local));
            await socket.SendToAsync(request, target, cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.SipProbeTimeout);
            var buffer = new byte[2048];
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            var status = Encoding.ASCII.GetString(buffer, 0, Math.Min(received, 12));
            return status.StartsWith("SIP/2.0 ", StringComparison.Ordinal)
                ? new("sip", true, $"{target} answered OPTIONS ({status.Trim()})")
                : new("sip", false, $"{target} answered OPTIONS with something that is not SIP");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new("sip", false, $"{target} did not answer OPTIONS within {options.Value.SipProbeTimeout.TotalMilliseconds:0} ms");
        }
        catch (SocketException e)
        {
            return new("sip", false, $"{target}: {e.Message}");
        }
    }

    private ReadinessCheck Rtp()
    {
        var free = ports.Capacity - ports.InUse;
        return new("rtp", free > 0, $"{free} of {ports.Capacity} RTP ports free ({ports.MinPort}-{ports.MaxPort})");
    }

    private ReadinessCheck Disk()
    {
        try
        {
            var freeMegabytes = new DriveInfo(recordings.RootDirectory).AvailableFreeSpace / (1024 * 1024);
            var floor = options.Value.MinFreeDiskMegabytes;
            return new("disk", freeMegabytes >= floor, $"{freeMegabytes} MiB free for {recordings.RootDirectory} (floor {floor} MiB, Hark:Health:MinFreeDiskMegabytes)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new("disk", false, $"{recordings.RootDirectory}: {e.Message}");
        }
    }

    private async Task<ReadinessCheck> OutboxAsync(CancellationToken cancellationToken)
    {
        try
        {
            var next = await store.NextDueAtAsync(cancellationToken);
            var overdue = next is { } due ? time.GetUtcNow() - due : TimeSpan.Zero;
            var limit = options.Value.OutboxStuckAfter;
            return overdue < limit
                ? new("outbox", true, next is null ? "nothing waiting" : "moving")
                : new("outbox", false, $"a notification has been due for {overdue.TotalSeconds:0} s without being sent (limit {limit.TotalSeconds:0} s, Hark:Health:OutboxStuckAfter)");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new("outbox", false, e.Message);
        }
    }

    private static string SipOptionsRequest(IPEndPoint target, IPEndPoint local)
    {
        var branch = "z9hG4bK-readyz-" + Guid.NewGuid().ToString("N");
        var host = target.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{target.Address}]" : target.Address.ToString();
        return $"OPTIONS sip:{host}:{target.Port} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP {local};branch={branch};rport\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:readyz@{host}>;tag={Guid.NewGuid():N}\r\n" +
            $"To: <sip:{host}:{target.Port}>\r\n" +
            $"Call-ID: readyz-{Guid.NewGuid():N}\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "User-Agent: hark-readyz\r\n" +
            "Content-Length: 0\r\n\r\n";
    }
}
