namespace Hark.Calls.Media;

/// <summary>The queued media operations of a call.</summary>
public enum MediaOperationKind
{
    /// <summary>Graph <c>playPrompt</c>.</summary>
    PlayPrompt,

    /// <summary>Graph <c>recordResponse</c> (and the legacy beta <c>record</c>).</summary>
    Record,

    /// <summary>Graph <c>sendDtmfTones</c> (queued apart from the other two).</summary>
    SendDtmfTones,
}
