using System.Threading.Channels;
using Hark.Calls.Media;
using Hark.Media.Dtmf;

namespace Hark.Calls.Lifecycle;

/// <summary>
/// One call: a single-reader inbox processed in order by <see cref="RunAsync"/>, owning the call's
/// <see cref="CallLifecycle"/>, and the <see cref="CallMediaProcessor"/> it shares with the call's media thread.
/// Outputs go to the <see cref="ICallEventSink"/> in the order they were decided.
/// </summary>
/// <remarks>
/// <para>Two threads touch a call. Its media thread (the edge's: an RTP shard, the virtual caller's clock) calls
/// <see cref="ProcessFrame"/> and <see cref="ProcessKey"/> inline, once per frame, and gets Hark's frame back at once:
/// nothing is queued, allocated or scheduled per frame. The loop owns the lifecycle and runs commands (play, record,
/// cancel, the call's end). Both take one per-call lock around the media processor, held for one frame or one command.</para>
/// <para>Only media <em>events</em> (an operation finished, a tone heard) cross to the loop: the media thread posts one
/// reusable signal, and the loop reads every waiting event out under the lock and notifies them in the order they were
/// decided. A command reads out, under the same lock, what it and every frame before it decided, so an operation's
/// completion always reaches the sink before the state change that followed it (e.g. terminated after a hang-up).</para>
/// </remarks>
public sealed class CallActor
{
    private readonly Channel<CallEvent> _inbox = Channel.CreateUnbounded<CallEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CallLifecycle _lifecycle;
    private readonly ICallEventSink _sink;
    private readonly CallTransition _initial;
    private readonly MediaEventsReady _eventsReady = new();

    // The media processor and the events read out of it, under _mediaGate: frames on the media thread, commands on the loop.
    private readonly Lock _mediaGate = new();
    private readonly CallMediaProcessor _media;

    // Loop-only: the events of one read-out, notified after the lock is released.
    private readonly List<MediaEvent> _decided = [];
    private int _signalled;

    /// <summary>Creates the actor; <paramref name="initial"/> is the transition from <see cref="CallLifecycle.Offer"/> or <see cref="CallLifecycle.Dial"/>, carried out first.</summary>
    public CallActor(CallLifecycle lifecycle, CallTransition initial, CallMediaProcessor media, ICallEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(sink);
        _lifecycle = lifecycle;
        _initial = initial;
        _media = media;
        _sink = sink;
        FrameSamples = media.FrameSamples;
    }

    /// <summary>Samples in one frame of <see cref="ProcessFrame"/>, either way.</summary>
    public int FrameSamples { get; }

    /// <summary>
    /// Queues a lifecycle input, e.g. <c>c =&gt; c.Answer()</c>, <c>c =&gt; c.RemoteHungUp()</c> or
    /// <c>c =&gt; c.TimerExpired(CallTimer.Answer)</c>; completes with its error once processed
    /// (<see cref="CallCommandError.CallEnded"/> if the call ended first).
    /// </summary>
    public Task<CallCommandError> ExecuteAsync(Func<CallLifecycle, CallTransition> command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Post(reply => new LifecycleCommandEvent(command, reply), cancellationToken);
    }

    /// <summary>
    /// Queues a media command, run only while the call is established (otherwise refused with
    /// <see cref="CallCommandError.InvalidState"/> or <see cref="CallCommandError.CallEnded"/>). An exception
    /// the engine throws faults the returned task, not the loop.
    /// </summary>
    public Task<CallCommandError> ExecuteMediaAsync(Action<CallMediaProcessor> command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Post(reply => new MediaCommandEvent(command, reply), cancellationToken);
    }

    /// <summary>
    /// Runs one caller frame through the call's media now, on the calling thread (the call's media thread), and writes
    /// what the caller hears next into <paramref name="outbound"/>. False, with nothing written, once the call's media
    /// has ended. <paramref name="concealed"/> marks a frame made up for lost packets (counted in the recording).
    /// Allocates nothing unless the frame decides something (an operation ends, a recording starts).
    /// </summary>
    /// <exception cref="ArgumentException">A span is not <see cref="FrameSamples"/> long.</exception>
    public bool ProcessFrame(ReadOnlySpan<short> inbound, Span<short> outbound, bool concealed = false) =>
        ProcessFrame(inbound, outbound, concealed, out _, out _);

    /// <summary>
    /// As <see cref="ProcessFrame(ReadOnlySpan{short}, Span{short}, bool)"/>; <paramref name="outboundIdle"/> tells
    /// whether <paramref name="outbound"/> is only silence or comfort noise (<see cref="CallMediaProcessor.OutboundIsIdle"/>),
    /// <paramref name="keyStarted"/> the key whose RFC 4733 events start with this frame (<see cref="CallMediaProcessor.OutboundKeyStarted"/>).
    /// </summary>
    public bool ProcessFrame(ReadOnlySpan<short> inbound, Span<short> outbound, bool concealed, out bool outboundIdle, out DtmfKey? keyStarted)
    {
        outboundIdle = true;
        keyStarted = null;
        if (inbound.Length != FrameSamples || outbound.Length != FrameSamples)
        {
            throw new ArgumentException($"Frames are {FrameSamples} samples.", nameof(inbound));
        }

        lock (_mediaGate)
        {
            if (_media.IsEnded)
            {
                return false;
            }

            _media.ProcessFrame(inbound, outbound, concealed);
            outboundIdle = _media.OutboundIsIdle;
            keyStarted = _media.OutboundKeyStarted;
            SignalLocked();
            return true;
        }
    }

    /// <summary>
    /// An RFC 4733 (or SIP INFO) key press, handled now on the calling thread; <paramref name="onsetSample"/> places it
    /// on the timeline of the frames processed (clamped to what has been processed). Ignored once media has ended.
    /// </summary>
    public void ProcessKey(DtmfKey key, long onsetSample)
    {
        lock (_mediaGate)
        {
            if (_media.IsEnded)
            {
                return;
            }

            _media.OnKey(key, onsetSample);
            SignalLocked();
        }
    }

    /// <summary>The call's keys come as RFC 4733 events: <see cref="CallMediaProcessor.UseOutOfBandKeys"/>.</summary>
    public void UseOutOfBandKeys()
    {
        lock (_mediaGate)
        {
            _media.UseOutOfBandKeys();
        }
    }

    /// <summary>Processes the inbox until the call is terminated (and what was queued is answered) or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await ApplyAsync(_initial, cancellationToken).ConfigureAwait(false);
        await foreach (var item in _inbox.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (item)
            {
                case LifecycleCommandEvent command:
                    var transition = command.Command(_lifecycle);
                    await ApplyAsync(transition, cancellationToken).ConfigureAwait(false);
                    command.Reply.TrySetResult(transition.Error);
                    break;
                case MediaCommandEvent command:
                    await RunMediaCommandAsync(command, cancellationToken).ConfigureAwait(false);
                    break;
                case MediaEventsReady:
                    Volatile.Write(ref _signalled, 0);
                    lock (_mediaGate)
                    {
                        ReadOutLocked();
                    }

                    await NotifyDecidedAsync(cancellationToken).ConfigureAwait(false);
                    break;
            }

            if (_lifecycle.State == CallState.Terminated)
            {
                // Items already queued are still read and answered (refused as CallEnded); nothing new gets in.
                _inbox.Writer.TryComplete();
            }
        }
    }

    private Task<CallCommandError> Post(Func<TaskCompletionSource<CallCommandError>, CallEvent> create, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reply = new TaskCompletionSource<CallCommandError>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _inbox.Writer.TryWrite(create(reply)) ? reply.Task : Task.FromResult(CallCommandError.CallEnded);
    }

    // On the media thread, under the lock: wakes the loop once for however many events pile up before it reads them.
    private void SignalLocked()
    {
        if (_media.HasEvents && Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _inbox.Writer.TryWrite(_eventsReady);
        }
    }

    private async ValueTask ApplyAsync(CallTransition transition, CancellationToken cancellationToken)
    {
        foreach (var decision in transition.Decisions)
        {
            if (decision is EndMediaDecision endMedia)
            {
                // The engine completes a running record here; its completion, and whatever the frames before it decided,
                // reach the bot before the state change that follows.
                lock (_mediaGate)
                {
                    _media.CallEnded(endMedia.RecordReason);
                    ReadOutLocked();
                }

                await NotifyDecidedAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _sink.OnDecisionAsync(decision, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask RunMediaCommandAsync(MediaCommandEvent command, CancellationToken cancellationToken)
    {
        if (_lifecycle.State != CallState.Established)
        {
            command.Reply.TrySetResult(_lifecycle.State == CallState.Terminated ? CallCommandError.CallEnded : CallCommandError.InvalidState);
            return;
        }

        Exception? failure = null;
        lock (_mediaGate)
        {
            if (_media.IsEnded)
            {
                command.Reply.TrySetResult(CallCommandError.InvalidState);
                return;
            }

            try
            {
                command.Command(_media);
            }
#pragma warning disable CA1031 // The engine's validation errors belong to the caller, not to the call's loop.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = ex;
            }

            ReadOutLocked();
        }

        await NotifyDecidedAsync(cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            command.Reply.TrySetException(failure);
        }
        else
        {
            command.Reply.TrySetResult(CallCommandError.None);
        }
    }

    private void ReadOutLocked()
    {
        while (_media.TryRead(out var mediaEvent))
        {
            _decided.Add(mediaEvent);
        }
    }

    private async ValueTask NotifyDecidedAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var mediaEvent in _decided)
            {
                await _sink.OnMediaEventAsync(mediaEvent, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _decided.Clear();
        }
    }
}
