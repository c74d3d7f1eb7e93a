using System.Net;
using Hark.Sip.Messages;
using Hark.Sip.Transactions;

namespace Hark.Sip.Transport;

/// <summary>
/// One server transaction as the TU sees it: the request, where it came from, and <see cref="Respond"/>.
/// Every input (TU response, retransmission, timer) runs under this transaction's own lock, so the state machine
/// sees one input at a time; the TU is called after the lock is released.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The timers end with the transaction (Terminated) or with the manager; the TU never owns them.")]
public sealed class SipServerTransactionHandle
{
    private readonly Lock _gate = new();
    private readonly SipTransactionManager _owner;
    private readonly SipServerTransactionMachine _machine;
    private readonly SipTransactionTimers _timers;
    private int _cancelled;
    private string? _toTag;

    internal SipServerTransactionHandle(
        SipTransactionManager owner, SipMessage request, ISipTransport transport, IPEndPoint source, SipTimerSettings settings, TimeProvider time)
    {
        _owner = owner;
        Request = request;
        Transport = transport;
        Source = source;
        _machine = request.Method == SipMethods.Invite
            ? new InviteServerTransaction(request, transport.IsReliable, settings)
            : new NonInviteServerTransaction(request, transport.IsReliable, settings);
        Key = _machine.Key;
        _timers = new SipTransactionTimers(time, timer => Run(() => _machine.OnTimer(timer), source));
    }

    public SipMessage Request { get; }

    public ISipTransport Transport { get; }

    /// <summary>The address and port the request came from.</summary>
    public IPEndPoint Source { get; }

    public SipTransactionKey Key { get; }

    public SipTransactionState State
    {
        get
        {
            lock (_gate)
            {
                return _machine.State;
            }
        }
    }

    /// <summary>Set before start when the request merged with one in progress (§8.2.2.2): it is answered 482, not passed on.</summary>
    internal bool Merged { get; set; }

    /// <summary>True once a CANCEL matched this INVITE before its final response.</summary>
    public bool IsCancelled => Volatile.Read(ref _cancelled) == 1;

    /// <summary>
    /// Sends a provisional or final response through the transaction (which retransmits it over UDP as §17.2
    /// says). Responses the transaction's state no longer allows are ignored. A response other than 100 to a
    /// request without a To tag must carry one (§8.2.6.2): one the TU left out gets the transaction's own tag.
    /// </summary>
    public void Respond(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsResponse)
        {
            throw new ArgumentException("not a response", nameof(response));
        }

        if (response.StatusCode != 100 && Request.To.Tag is null && response.To.Tag is null)
        {
            response = SipResponses.WithToTag(response, LazyInitializer.EnsureInitialized(ref _toTag, SipIdentifiers.NewTag));
        }

        Run(() => _machine.SendResponse(response), Source);
    }

    /// <summary>True only for the first CANCEL, so the TU hears of it once even if CANCELs race.</summary>
    internal bool TryMarkCancelled() => Interlocked.Exchange(ref _cancelled, 1) == 0;

    internal void Start() => Run(_machine.Start, Source);

    /// <summary>A retransmission of the request, or the ACK of an INVITE.</summary>
    internal void OnRequest(SipMessage request, IPEndPoint source) =>
        Run(() => _machine.OnRequest(request), source);

    internal void DisposeTimers() => _timers.Dispose();

    private void Run(Func<IReadOnlyList<SipTransactionAction>> input, IPEndPoint from)
    {
        IReadOnlyList<SipTransactionAction> actions;
        var sendFailed = false;
        lock (_gate)
        {
            actions = input();
            _timers.Apply(actions);
            foreach (var action in actions)
            {
                // Sends stay under the lock so that a transaction's messages leave in the order it decided them.
                if (action.Kind == SipTransactionActionKind.Send)
                {
                    sendFailed |= !_owner.TrySend(() => Transport.SendResponseAsync(action.Message!, action.Bytes, Source), OnSendFailed);
                }
            }
        }

        foreach (var action in actions)
        {
            if (action.Kind != SipTransactionActionKind.Send)
            {
                _owner.OnServerAction(this, action, from);
            }
        }

        if (sendFailed)
        {
            OnSendFailed();
        }
    }

    private void OnSendFailed() => Run(_machine.OnTransportError, Source);
}
