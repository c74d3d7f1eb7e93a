using System.Net;
using Hark.Sip.Transport;

namespace Hark.Sip.Tests.Transport;

/// <summary>A manager on a manual clock behind a real TCP transport on 127.0.0.1:0.</summary>
internal sealed class TcpRig : IAsyncDisposable
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    public TcpRig(SipLimits? limits = null)
    {
        Manager = new SipTransactionManager(Handler, Clock, logger: Logger);
        Transport = new TcpSipTransport(
            new IPEndPoint(IPAddress.Loopback, 0), Clock, limits ?? new SipLimits { TcpIdleTimeoutSeconds = (int)IdleTimeout.TotalSeconds }, Logger);
        Transport.Start(Manager);
    }

    public ListLogger Logger { get; } = new();

    public ManualClock Clock { get; } = new();

    public RecordingHandler Handler { get; } = new();

    public SipTransactionManager Manager { get; }

    public TcpSipTransport Transport { get; }

    public IPEndPoint Hark => Transport.LocalEndPoint;

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync();
        Manager.Dispose();
    }
}
