namespace Hark.Rtp;

/// <summary>The two G.711 laws Hark speaks on RTP (static payload types 0 and 8 of RFC 3551).</summary>
public enum G711Codec
{
    /// <summary>Mu-law, static payload type 0.</summary>
    Pcmu,

    /// <summary>A-law, static payload type 8.</summary>
    Pcma,
}
