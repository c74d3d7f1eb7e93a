namespace Hark.Calls.Lifecycle;

/// <summary>Graph's notification <c>changeType</c>.</summary>
public enum CallChangeType
{
    /// <summary>The call appeared (incoming offer).</summary>
    Created,

    /// <summary>The call's state changed.</summary>
    Updated,

    /// <summary>The call is gone (terminated).</summary>
    Deleted,
}
