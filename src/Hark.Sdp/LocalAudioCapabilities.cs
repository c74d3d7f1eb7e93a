namespace Hark.Sdp;

/// <summary>What Hark puts into its offers and answers for one call.</summary>
/// <param name="Address">The address peers send RTP to (Hark:Sip:PublicAddress or the listen address); IPv6 when it has a ':'.</param>
/// <param name="Port">Hark's RTP port for this call.</param>
/// <param name="SessionId">The o-line session id for a new session (random per call, chosen by the caller).</param>
public sealed record LocalAudioCapabilities(string Address, int Port, ulong SessionId)
{
    /// <summary>Codecs Hark accepts, in the order it offers them.</summary>
    public IReadOnlyList<AudioCodec> Codecs { get; init; } = [AudioCodec.Pcmu, AudioCodec.Pcma];

    /// <summary>Whether RFC 4733 telephone-event is offered and accepted.</summary>
    public bool TelephoneEvents { get; init; } = true;

    /// <summary>The dynamic payload type Hark offers telephone-event on.</summary>
    public int TelephoneEventPayloadType { get; init; } = 101;

    /// <summary>The events Hark offers (fmtp of telephone-event): DTMF 0-15 and flash.</summary>
    public string TelephoneEventRange { get; init; } = "0-16";

    /// <summary>Packet times (ms) Hark can send, used to pick the nearest to what a peer asks for.</summary>
    public IReadOnlyList<int> PacketTimes { get; init; } = [20, 30];

    /// <summary>The packet time offered, and assumed when a peer states none.</summary>
    public int DefaultPacketTime { get; init; } = 20;

    /// <summary>The direction Hark wants from its own side (SendOnly to hold a caller).</summary>
    public MediaDirection Direction { get; init; } = MediaDirection.SendRecv;

    /// <summary>Whether Hark accepts RFC 5761 rtcp-mux when a peer offers it (off until the RTP layer demuxes).</summary>
    public bool AcceptRtcpMux { get; init; }

    /// <summary>The o-line user name.</summary>
    public string Username { get; init; } = "hark";

    /// <summary>The s-line text.</summary>
    public string SessionName { get; init; } = "Hark";
}
