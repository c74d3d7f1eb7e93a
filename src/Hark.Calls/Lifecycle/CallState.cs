namespace Hark.Calls.Lifecycle;

/// <summary>The states a call passes through, named as Graph's <c>callState</c> (wire: lowerCamel).</summary>
public enum CallState
{
    /// <summary>Offered to the bot, not yet answered or rejected.</summary>
    Incoming,

    /// <summary>Answered (incoming) or dialled (outgoing); media not confirmed yet.</summary>
    Establishing,

    /// <summary>Media flows.</summary>
    Established,

    /// <summary>The bot asked for a blind transfer; the far end has not accepted it yet (SIP REFER sent). Media pauses.</summary>
    Transferring,

    /// <summary>The far end accepted the transfer (REFER 202) and is calling the target; terminated on success, established again on failure.</summary>
    TransferAccepted,

    /// <summary>The bot hung up; waiting for the transport to confirm.</summary>
    Terminating,

    /// <summary>Over; accepts no more commands.</summary>
    Terminated,
}
