using System.Net;
using Hark.Sip.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hark.Sip.Transport;

/// <summary>
/// What both transports do with bytes that hold one message: parse, hand it to the sink, or answer/drop what
/// does not parse, and log, so that nothing a peer sends and no throwing sink can end a receive loop.
/// </summary>
internal sealed class SipReceivePath(string transport, ILogger? logger, TimeProvider time)
{
    public const int MalformedKind = 1;
    public const int HandlerKind = 7;

    private readonly SipWarningThrottle _throttle = new(time, TimeSpan.FromMinutes(1));

    public ILogger Logger { get; } = logger ?? NullLogger.Instance;

    public SipWarningThrottle Throttle => _throttle;

    /// <summary>Parses and delivers <paramref name="data"/>; the error answer for an unparsable request goes to <paramref name="reply"/>.</summary>
    public void Deliver(ReadOnlySpan<byte> data, SipFraming framing, IPEndPoint source, ISipTransport from, ISipTransportSink sink, Action<SipErrorReply> reply)
    {
        try
        {
            var message = SipInbound.Read(data, framing, source, out var answer, out var error);
            if (message is not null)
            {
                sink.OnMessage(from, message, source);
                return;
            }

            SipLog.Malformed(Logger, transport, source, error?.ToString() ?? "");
            if (_throttle.ShouldLog(source.Address, MalformedKind, out var suppressed))
            {
                SipLog.MalformedFrom(Logger, source.Address, suppressed);
            }

            if (answer is not null)
            {
                reply(answer);
            }
        }
#pragma warning disable CA1031 // One bad message or a throwing sink must not stop a receive loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            HandlerFailed(ex, source.Address);
        }
    }

    public void HandlerFailed(Exception exception, IPAddress source)
    {
        if (_throttle.ShouldLog(source, HandlerKind, out var suppressed))
        {
            SipLog.HandlerFailed(Logger, exception, transport, source, suppressed);
        }
    }
}
