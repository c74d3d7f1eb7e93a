namespace Hark.Sip.Messages;

/// <summary>Caps that keep a hostile peer from making the parser do unbounded work.</summary>
public sealed record SipParserLimits
{
    public static SipParserLimits Default { get; } = new();

    /// <summary>Largest whole message accepted (start line, headers and body).</summary>
    public int MaxMessageBytes { get; init; } = 65_535;

    /// <summary>Most header lines (after unfolding) accepted.</summary>
    public int MaxHeaderCount { get; init; } = 256;

    /// <summary>Longest single header line (after unfolding) accepted.</summary>
    public int MaxHeaderLineBytes { get; init; } = 8_192;
}
