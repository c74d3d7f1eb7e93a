namespace Hark.Sdp;

/// <summary>The audio codecs Hark negotiates: G.711 in both flavours, 8000 Hz mono.</summary>
public enum AudioCodec
{
    /// <summary>G.711 µ-law, static payload type 0.</summary>
    Pcmu,

    /// <summary>G.711 A-law, static payload type 8.</summary>
    Pcma,
}
