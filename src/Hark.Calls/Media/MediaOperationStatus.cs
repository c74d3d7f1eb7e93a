namespace Hark.Calls.Media;

/// <summary>Final status of a media operation, as Graph's <c>operationStatus</c> reports it.</summary>
public enum MediaOperationStatus
{
    /// <summary>Graph <c>completed</c>.</summary>
    Completed,

    /// <summary>Graph <c>failed</c>.</summary>
    Failed,
}
