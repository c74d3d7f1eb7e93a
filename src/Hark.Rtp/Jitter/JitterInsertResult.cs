namespace Hark.Rtp.Jitter;

/// <summary>What <see cref="JitterBuffer.Insert(uint, ushort, uint, G711Codec, ReadOnlySpan{byte})"/> did with a packet.</summary>
public enum JitterInsertResult
{
    /// <summary>Stored for playout.</summary>
    Accepted,

    /// <summary>Stored, after the buffer reset for a new SSRC (the caller resets its per-source state too).</summary>
    AcceptedNewSsrc,

    /// <summary>Stored, after the playout point was moved to this packet (timestamp jump, or a run of late packets).</summary>
    AcceptedResync,

    /// <summary>Its audio was already buffered; dropped.</summary>
    Duplicate,

    /// <summary>All of its audio is older than the playout point; dropped.</summary>
    Late,

    /// <summary>Empty or larger than <see cref="JitterBuffer.MaxPayloadLength"/>; dropped.</summary>
    Rejected,
}
