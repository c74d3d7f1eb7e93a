namespace Hark.Telephony;

/// <summary>What became of an incoming call handed to the <see cref="IIncomingCallRouter"/>.</summary>
public enum IncomingCallRouting
{
    /// <summary>An application rings.</summary>
    Offered,

    /// <summary>No application takes the number: 404 Not Found.</summary>
    NotRouted,

    /// <summary>The application has as many calls as it may: 486 Busy Here.</summary>
    Busy,
}
