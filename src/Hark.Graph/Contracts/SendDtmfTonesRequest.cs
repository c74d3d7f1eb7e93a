namespace Hark.Graph.Contracts;

/// <summary>Body of <c>POST .../calls/{id}/sendDtmfTones</c>.</summary>
public sealed record SendDtmfTonesRequest
{
    public IReadOnlyList<Tone?>? Tones { get; init; }

    /// <summary>The silence between two tones, in milliseconds (default 0).</summary>
    public int? DelayBetweenTonesMs { get; init; }

    public string? ClientContext { get; init; }
}
