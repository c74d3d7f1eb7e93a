using System.Diagnostics.CodeAnalysis;

namespace Hark.Sdp;

/// <summary>The answer to an offer, or why Hark refuses it (SIP 488 Not Acceptable Here).</summary>
public sealed class SdpAnswerResult
{
    /// <summary>The SIP status for a refused offer.</summary>
    public const int NotAcceptableHere = 488;

    private SdpAnswerResult(SessionDescription? answer, NegotiatedAudio? audio, string? failureReason)
    {
        Answer = answer;
        Audio = audio;
        FailureReason = failureReason;
    }

    /// <summary>The answer to send, when accepted.</summary>
    public SessionDescription? Answer { get; }

    /// <summary>What the RTP layer runs, when accepted.</summary>
    public NegotiatedAudio? Audio { get; }

    /// <summary>Why the offer was refused (suits a Warning header or a log line).</summary>
    public string? FailureReason { get; }

    /// <summary>True when the offer was accepted.</summary>
    [MemberNotNullWhen(true, nameof(Answer), nameof(Audio))]
    [MemberNotNullWhen(false, nameof(FailureReason))]
    public bool IsAccepted => Answer is not null;

    /// <summary>200 when accepted, 488 otherwise.</summary>
    public int StatusCode => IsAccepted ? 200 : NotAcceptableHere;

    internal static SdpAnswerResult Accepted(SessionDescription answer, NegotiatedAudio audio) => new(answer, audio, null);

    internal static SdpAnswerResult Refused(string reason) => new(null, null, reason);
}
