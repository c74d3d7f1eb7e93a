namespace Hark.Calls.Lifecycle;

/// <summary>Why an outgoing call did not connect, as the transport saw it.</summary>
public enum DialFailure
{
    /// <summary>No endpoint answered the attempt at all (no route, no registration, network error).</summary>
    Unreachable,

    /// <summary>The callee was busy.</summary>
    Busy,

    /// <summary>It rang until the transport gave up.</summary>
    NoAnswer,

    /// <summary>The callee refused.</summary>
    Declined,
}
