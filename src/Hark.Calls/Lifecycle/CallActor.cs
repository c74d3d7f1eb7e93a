using System.Collections.Concurrent;
using System.Threading.Channels;
using Hark.Calls.Media;

namespace Hark.Calls.Lifecycle;

/// <summary>
/// One call: a single-reader inbox processed in order by <see cref="RunAsync"/>, owning the call's
/// <see cref="CallLifecycle"/> and <see cref="CallMediaProcessor"/>. State is touched only by the loop, so
/// nothing is locked. Outputs go to the <see cref="ICallEventSink"/> in the order they were decided.
/// </summary>
public sealed class CallActor
{
    private readonly Channel<CallEvent> _inbox = Channel.CreateUnbounded<CallEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CallLifecycle _lifecycle;
    private readonly CallMediaProcessor _media;
    private readonly ICallEventSink _sink;
    private readonly CallTransition _initial;
    private readonly short[] _outbound;

    // Frame events go back here once processed: the per-frame path allocates nothing in steady state.
    private readonly ConcurrentQueue<InboundFrameEvent> _framePool = new();

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
        _outbound = new short[media.FrameSamples];
    }

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
    /// Queues a copy of a caller frame (one frame of <see cref="CallMediaProcessor.FrameSamples"/>; other
    /// lengths are dropped), so the caller may reuse its buffer at once; false once the call has ended.
    /// <paramref name="concealed"/> marks a frame made up for lost packets (counted in the recording).
    /// </summary>
    public bool TryPostFrame(ReadOnlySpan<short> inbound, bool concealed = false)
    {
        if (!_framePool.TryDequeue(out var frame))
        {
            frame = new InboundFrameEvent(new short[_media.FrameSamples]);
        }

        frame.IsWholeFrame = inbound.Length == frame.Samples.Length;
        frame.IsConcealed = concealed;
        if (frame.IsWholeFrame)
        {
            inbound.CopyTo(frame.Samples);
        }

        if (_inbox.Writer.TryWrite(frame))
        {
            return true;
        }

        _framePool.Enqueue(frame);
        return false;
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
                case InboundFrameEvent frame:
                    await ProcessFrameAsync(frame, cancellationToken).ConfigureAwait(false);
                    _framePool.Enqueue(frame);
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

    private async ValueTask ApplyAsync(CallTransition transition, CancellationToken cancellationToken)
    {
        foreach (var decision in transition.Decisions)
        {
            if (decision is EndMediaDecision endMedia)
            {
                // The engine completes a running record here; its completion must reach the bot before the state change that follows.
                _media.CallEnded(endMedia.RecordReason);
                await DrainMediaAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _sink.OnDecisionAsync(decision, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask RunMediaCommandAsync(MediaCommandEvent command, CancellationToken cancellationToken)
    {
        if (_lifecycle.State != CallState.Established || _media.IsEnded)
        {
            command.Reply.TrySetResult(_lifecycle.State == CallState.Terminated ? CallCommandError.CallEnded : CallCommandError.InvalidState);
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
            command.Reply.TrySetException(ex);
            return;
        }

        await DrainMediaAsync(cancellationToken).ConfigureAwait(false);
        command.Reply.TrySetResult(CallCommandError.None);
    }

    private async ValueTask ProcessFrameAsync(InboundFrameEvent frame, CancellationToken cancellationToken)
    {
        // Frames before media is up or after it ended carry nothing the bot asked for; a wrong-sized frame is dropped.
        if (_lifecycle.State != CallState.Established || _media.IsEnded || !frame.IsWholeFrame)
        {
            return;
        }

        _media.ProcessFrame(frame.Samples, _outbound, frame.IsConcealed);
        await DrainMediaAsync(cancellationToken).ConfigureAwait(false);
        await _sink.OnOutboundFrameAsync(_outbound, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask DrainMediaAsync(CancellationToken cancellationToken)
    {
        while (_media.TryRead(out var mediaEvent))
        {
            await _sink.OnMediaEventAsync(mediaEvent, cancellationToken).ConfigureAwait(false);
        }
    }
}
