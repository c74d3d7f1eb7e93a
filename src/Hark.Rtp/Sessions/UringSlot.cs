namespace Hark.Rtp.Sessions;

/// <summary>
/// One session's place in a <see cref="UringReceiver"/>: whether its multishot receive is armed in the kernel, and
/// <see cref="Released"/>, done once the ring no longer holds its socket (the socket may then be closed and its port
/// bound again). Changed only on the ring's thread, but <see cref="DetachRequested"/>, set by whoever disposes the session.
/// </summary>
internal sealed class UringSlot(UringReceiver ring, RtpSession session)
{
    public UringReceiver Ring { get; } = ring;

    public RtpSession Session { get; } = session;

    /// <summary>Its index in the ring's table, the user_data of its receive; -1 until armed the first time.</summary>
    public int Index { get; set; } = -1;

    /// <summary>A receive is in the kernel's bookkeeping (submitted or about to be), and its last completion not yet seen.</summary>
    public bool Armed { get; set; }

    /// <summary>A cancel went in; the slot is released at the receive's last completion.</summary>
    public bool Cancelling { get; set; }

    private volatile bool _detachRequested;

    public bool DetachRequested
    {
        get => _detachRequested;
        set => _detachRequested = value;
    }

    public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
