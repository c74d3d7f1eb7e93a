using System.Net;
using Hark.Sip.Transport;

namespace Hark.Sip.Tests.Transport;

/// <summary>A manager on a manual clock behind a real UDP transport on 127.0.0.1:0, and a UDP peer to talk to it.</summary>
internal sealed class UdpRig : IAsyncDisposable
{
    public UdpRig(SipLimits? limits = null)
    {
        Manager = new SipTransactionManager(Handler, Clock, limits: limits, logger: Logger);
        Transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), Logger, Clock);
        Transport.Start(Manager);
    }

    public ListLogger Logger { get; } = new();

    public ManualClock Clock { get; } = new();

    public RecordingHandler Handler { get; } = new();

    public UdpPeer Peer { get; } = new();

    public SipTransactionManager Manager { get; }

    public UdpSipTransport Transport { get; }

    public IPEndPoint Hark => Transport.LocalEndPoint;

    /// <summary>A Via whose sent-by is the peer itself (so no received is added).</summary>
    public string Via(string branch) => $"SIP/2.0/UDP 127.0.0.1:{Peer.Port};branch={branch}";

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync();
        Manager.Dispose();
        Peer.Dispose();
    }
}
