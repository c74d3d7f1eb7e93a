using System.Diagnostics.CodeAnalysis;

namespace Hark.Sdp;

/// <summary>The media a peer's answer to Hark's offer settles on, or why it is unusable.</summary>
public sealed class SdpNegotiationResult
{
    private SdpNegotiationResult(NegotiatedAudio? audio, string? failureReason)
    {
        Audio = audio;
        FailureReason = failureReason;
    }

    /// <summary>What the RTP layer runs, when usable.</summary>
    public NegotiatedAudio? Audio { get; }

    /// <summary>Why the answer is unusable (the call should then be ended with a BYE).</summary>
    public string? FailureReason { get; }

    /// <summary>True when the answer is usable.</summary>
    [MemberNotNullWhen(true, nameof(Audio))]
    [MemberNotNullWhen(false, nameof(FailureReason))]
    public bool IsSuccess => Audio is not null;

    internal static SdpNegotiationResult Success(NegotiatedAudio audio) => new(audio, null);

    internal static SdpNegotiationResult Failure(string reason) => new(null, reason);
}
