namespace Hark.Sdp;

/// <summary>Why a description could not be parsed.</summary>
/// <param name="LineNumber">The 1-based line the problem is on, or 0 when it concerns the whole description.</param>
/// <param name="Message">A sentence naming the problem.</param>
public sealed record SdpParseError(int LineNumber, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => LineNumber > 0 ? $"SDP line {LineNumber}: {Message}" : $"SDP: {Message}";
}
