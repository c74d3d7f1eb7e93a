using System.Net;
using Hark.Graph.Contracts;
using Hark.Graph.Validation;
using Hark.Media.Wav;
using Hark.Rtp;
using Hark.Rtp.Events;
using Hark.Rtp.Rtcp;
using Hark.Sdp;
using Hark.Sip.Messages;
using Hark.Sip.Transport;

namespace Hark.Fuzz;

internal delegate void FuzzTarget(ReadOnlySpan<byte> input);

/// <summary>
/// The readers that take bytes from the network or from a bot. Each target calls the reader the way Hark does;
/// an exception that escapes is a crash (afl-fuzz records the input), so only the documented failure of a
/// reader (its exception type) is caught here.
/// </summary>
internal static class FuzzTargets
{
    /// <summary>Largest input read per execution: a UDP datagram's worth, which covers every SIP limit.</summary>
    public const int MaxInput = 65_535;

    private static readonly IPEndPoint Source = new(IPAddress.Loopback, 5060);

    public static IReadOnlyDictionary<string, FuzzTarget> All { get; } = new Dictionary<string, FuzzTarget>(StringComparer.Ordinal)
    {
        ["sip"] = SipDatagram,
        ["sip-stream"] = SipStream,
        ["sdp"] = Sdp,
        ["rtp"] = Rtp,
        ["rtcp"] = Rtcp,
        ["dtmf"] = Dtmf,
        ["wav"] = Wav,
        ["graph"] = Graph,
    };

    // The UDP receive path: parse, stamp the Via, or build the 400 for an unparsable request.
    private static void SipDatagram(ReadOnlySpan<byte> input)
    {
        var message = SipInbound.Read(input, SipFraming.Datagram, Source, out _, out _);
        if (message is not null)
        {
            _ = SipMessageWriter.ToArray(message);
        }
    }

    // The TCP receive path: frame by Content-Length, then parse each frame as the stream transport does.
    private static void SipStream(ReadOnlySpan<byte> input)
    {
        while (!input.IsEmpty)
        {
            var status = SipStreamFramer.TryFrame(input, out var length);
            if (status is not (SipFrameStatus.Complete or SipFrameStatus.KeepAlive))
            {
                return;
            }

            if (length <= 0 || length > input.Length)
            {
                throw new InvalidOperationException($"framer returned {length} of {input.Length} octets with {status}");
            }

            if (status == SipFrameStatus.Complete)
            {
                _ = SipInbound.Read(input[..length], SipFraming.Stream, Source, out _, out _);
            }

            input = input[length..];
        }
    }

    private static void Sdp(ReadOnlySpan<byte> input)
    {
        if (SessionDescription.TryParse(input, out var offer, out _))
        {
            var local = new LocalAudioCapabilities("127.0.0.1", 40000, 1);
            _ = OfferAnswer.Answer(offer, local);
        }
    }

    private static void Rtp(ReadOnlySpan<byte> input)
    {
        if (RtpPacket.TryParse(input, out var packet) == RtpParseStatus.Ok)
        {
            _ = TelephoneEvent.TryRead(packet.Payload, out _);
        }
    }

    private static void Rtcp(ReadOnlySpan<byte> input)
    {
        var reader = new RtcpCompoundReader(input);
        while (reader.TryRead(out var packet))
        {
            _ = RtcpSenderReport.TryParse(packet, out _);
            _ = RtcpReceiverReport.TryParse(packet, out _);
            _ = RtcpSourceDescription.TryParse(packet, out _);
            _ = RtcpGoodbye.TryParse(packet, out _);
        }
    }

    private static void Dtmf(ReadOnlySpan<byte> input) => _ = TelephoneEvent.TryRead(input, out _);

    private static void Wav(ReadOnlySpan<byte> input)
    {
        try
        {
            _ = WavReader.Read(input);
        }
        catch (WavFormatException)
        {
            // The reader's documented refusal.
        }
    }

    // The first byte picks the route's body type; the rest is the body, as a bot would POST it.
    private static void Graph(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var body = input[1..];
        var context = GraphJsonContext.Default;
        _ = (input[0] % 7) switch
        {
            0 => (object)GraphRequestReader.Read(body, context.AnswerRequest, bodyRequired: true),
            1 => GraphRequestReader.Read(body, context.RejectRequest, bodyRequired: false),
            2 => GraphRequestReader.Read(body, context.RecordResponseRequest, bodyRequired: true),
            3 => GraphRequestReader.Read(body, context.PlayPromptRequest, bodyRequired: true),
            4 => GraphRequestReader.Read(body, context.CancelMediaProcessingRequest, bodyRequired: false),
            5 => GraphRequestReader.Read(body, context.SubscribeToToneRequest, bodyRequired: true),
            _ => GraphRequestReader.Read(body, context.CreateCallRequest, bodyRequired: true),
        };
    }
}
