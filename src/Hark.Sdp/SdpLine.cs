namespace Hark.Sdp;

/// <summary>
/// A line Hark does not model (i, u, e, p, z, k or an unknown type letter), kept so it is written back.
/// </summary>
/// <param name="Type">The type letter before the '='.</param>
/// <param name="Value">Everything after the '='.</param>
public sealed record SdpLine(char Type, string Value)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Type}={Value}";
}
