namespace Hark.Calls.Lifecycle;

/// <summary>Why a command was refused. The Graph layer maps these to its error bodies; nothing is thrown.</summary>
public enum CallCommandError
{
    /// <summary>Accepted.</summary>
    None,

    /// <summary>The command does not apply in the call's state or direction (Graph: 400 InvalidRequest).</summary>
    InvalidState,

    /// <summary>The call has terminated (Graph: 404, as for an ended call).</summary>
    CallEnded,

    /// <summary>No such call; returned by whoever owns the calls, never by a lifecycle (Graph: 404).</summary>
    CallNotFound,

    /// <summary>The call has as many media operations running or queued as it may; returned by whoever owns the calls (Graph: 429).</summary>
    TooManyOperations,
}
