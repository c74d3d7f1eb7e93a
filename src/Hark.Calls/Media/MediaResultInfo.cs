namespace Hark.Calls.Media;

/// <summary>Graph's <c>resultInfo</c> for a finished operation, with the operation's status.</summary>
/// <param name="Status">completed or failed.</param>
/// <param name="Code">HTTP-like code: 200 for completed, 400 (500 for an unspecified error) for failed.</param>
/// <param name="Subcode">The 85xx subcode; 0 for a successful playPrompt.</param>
public readonly record struct MediaResultInfo(MediaOperationStatus Status, int Code, int Subcode);
