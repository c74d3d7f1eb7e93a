using System.Collections.Concurrent;
using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Calls.Persistence;
using Microsoft.Extensions.Logging;

namespace Hark.Graph.Calls;

/// <summary>
/// One live call as the Graph API sees it: owns the call's <see cref="CallActor"/>, turns its decisions into
/// Graph notifications written to the outbox together with the state they report, runs its timers, and
/// passes audio and signalling to its <see cref="ICallTransport"/>.
/// </summary>
#pragma warning disable CA1001 // The semaphore never creates a wait handle, so there is nothing to dispose; requests may still hold it after the call ends.
public sealed partial class GraphCall : ICallEventSink, IRecordingSink
#pragma warning restore CA1001
{
    private readonly GraphCallServices _services;
    private readonly ICallTransport _transport;
    private readonly CallActor _actor;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, OperationInfo> _operations = new(StringComparer.Ordinal);

    // Filled by the media engine (on the call's media thread), read out by the loop when the record completes.
    private readonly ConcurrentDictionary<string, string> _recordingIds = new(StringComparer.Ordinal);

    // Loop-only state: touched from the actor's loop alone.
    private readonly Dictionary<CallTimer, ITimer> _timers = [];

    // Guards the order of operation writes between request threads and the loop (see StartMediaOperationAsync).
    private readonly SemaphoreSlim _operationWrites = new(1, 1);
    private readonly HashSet<string> _finishedOperations = new(StringComparer.Ordinal);

    private int _state;

    private GraphCall(CallInfo info, GraphCallServices services, ICallTransport transport, Func<CallLifecycleOptions, (CallLifecycle, CallTransition)> start)
    {
        Info = info;
        _services = services;
        _transport = transport;
        _logger = services.LoggerFactory.CreateLogger<GraphCall>();
        var (lifecycle, initial) = start(services.LifecycleOptions);
        _state = (int)lifecycle.State;
        var media = new CallMediaProcessor(GraphCallServices.SeamSampleRate, this, services.MediaOptions);
        _actor = new CallActor(lifecycle, initial, media, this);
        transport.Attach(_actor);
    }

    public CallInfo Info { get; }

    /// <summary>The state last decided; read by request threads.</summary>
    public CallState State => (CallState)Volatile.Read(ref _state);

    /// <summary>Completes when the call's loop has ended (the call is terminated).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>A caller's offer: the call starts incoming and the application hears of it.</summary>
    public static GraphCall Offer(CallInfo info, GraphCallServices services, ICallTransport transport) =>
        new(info, services, transport, options => (CallLifecycle.Offer(out var t, options), t));

    /// <summary>The application placed the call: it starts establishing and the transport dials.</summary>
    public static GraphCall Dial(CallInfo info, GraphCallServices services, ICallTransport transport) =>
        new(info, services, transport, options => (CallLifecycle.Dial(out var t, options), t));

    /// <summary>Runs the call's loop until it is terminated or <paramref name="stopping"/> fires.</summary>
    public Task StartAsync(CancellationToken stopping)
    {
        Completion = Task.Run(() => RunAsync(stopping), CancellationToken.None);
        return Completion;
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await _actor.RunAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failing call must end alone, logged, without taking the host down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CallsLog.CallFailed(_logger, Info.Id, ex);
        }
        finally
        {
            foreach (var timer in _timers.Values)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }
    }

    public Task<CallCommandError> AnswerAsync(string? callbackUri, string baseUrl, IReadOnlyList<(string Uri, string? ResourceId)> preFetch)
    {
        if (preFetch.Count > 0)
        {
            _ = _services.Prompts.PrefetchAsync(preFetch, GraphCallServices.SeamSampleRate, CancellationToken.None);
        }

        return _actor.ExecuteAsync(c => WhenAccepted(c.Answer(), () =>
        {
            Info.CallbackUri = callbackUri ?? Info.CallbackUri;
            Info.BaseUrl = baseUrl;
        }));
    }

    public Task<CallCommandError> RejectAsync(CallRejectReason reason, string? callbackUri) =>
        _actor.ExecuteAsync(c => WhenAccepted(c.Reject(reason), () => Info.CallbackUri = callbackUri ?? Info.CallbackUri));

    /// <summary>Sends the ringing caller to <paramref name="targets"/> (numbers or sip: URIs); the call then ends, 302/8607.</summary>
    public Task<CallCommandError> RedirectAsync(IReadOnlyList<string> targets, string? callbackUri) =>
        _actor.ExecuteAsync(c => WhenAccepted(c.Redirect(targets), () => Info.CallbackUri = callbackUri ?? Info.CallbackUri));

    /// <summary>A blind transfer of the established call to <paramref name="target"/> (a number or sip: URI).</summary>
    public Task<CallCommandError> TransferAsync(string target) => _actor.ExecuteAsync(c => c.Transfer(target));

    public Task<CallCommandError> HangUpAsync() => _actor.ExecuteAsync(c => c.HangUp());

    public Task<CallCommandError> KeepAliveAsync() => _actor.ExecuteAsync(c => c.KeepAlive());

    /// <summary>Hark ends the call itself (shutting down).</summary>
    public Task<CallCommandError> AbortAsync(CallResultInfo result) => _actor.ExecuteAsync(c => c.Abort(result));

    async ValueTask ICallEventSink.OnDecisionAsync(CallDecision decision, CancellationToken cancellationToken)
    {
        switch (decision)
        {
            case CallNotification notification:
                Volatile.Write(ref _state, (int)notification.State);
                await SaveCallChangeAsync(notification, cancellationToken).ConfigureAwait(false);
                break;
            case TransportDecision transport:
                _transport.Execute(transport);
                break;
            case StartTimerDecision start:
                StartTimer(start.Timer, start.DueIn);
                break;
            case CancelTimerDecision cancel:
                if (_timers.Remove(cancel.Timer, out var timer))
                {
                    timer.Dispose();
                }

                break;
        }
    }

    ValueTask ICallEventSink.OnMediaEventAsync(MediaEvent mediaEvent, CancellationToken cancellationToken) => mediaEvent switch
    {
        OperationCompletedEvent done => SaveOperationFinishedAsync(done, cancellationToken),
        ToneReceivedEvent tone => SaveToneAsync(tone, cancellationToken),
        DtmfToneStartedEvent key when !_transport.SendsDtmfEventsWithFrames => SendDtmfEvent(key),
        _ => ValueTask.CompletedTask,
    };

    private ValueTask SendDtmfEvent(DtmfToneStartedEvent key)
    {
        _transport.SendDtmfEvent(key.Key, key.Duration);
        return ValueTask.CompletedTask;
    }

    Stream IRecordingSink.Open(string operationId)
    {
        // Named after its operation (one recording per record), so after a crash CallRecovery finds the file.
        var recordingId = operationId;
        _recordingIds[operationId] = recordingId;
        return _services.Recordings.Create(recordingId);
    }

    void IRecordingSink.Completed(RecordingInfo recording)
    {
        // Reported with the operation's completion event, which carries the same RecordingInfo; what was lost on
        // the way in is logged here, per recording: at Information when packets never arrived, else at Debug (the
        // call's story already has its completion line).
        var level = recording.ConcealedFrames > 0 ? LogLevel.Information : LogLevel.Debug;
        CallsLog.RecordingConcealed(_logger, level, Info.Id, recording.OperationId, recording.Duration.TotalSeconds, recording.ConcealedFrames);
    }

    void IRecordingSink.Discarded(string operationId)
    {
        if (_recordingIds.TryRemove(operationId, out var recordingId))
        {
            _services.Recordings.Delete(recordingId);
        }
    }

    // Runs on the loop, before the transition's decisions are carried out, so its notifications already see the change.
    private static CallTransition WhenAccepted(CallTransition transition, Action apply)
    {
        if (transition.Error == CallCommandError.None)
        {
            apply();
        }

        return transition;
    }

    private void StartTimer(CallTimer timer, TimeSpan delay)
    {
        if (_timers.Remove(timer, out var previous))
        {
            previous.Dispose();
        }

        _timers[timer] = _services.Time.CreateTimer(
            _ => Observe(_actor.ExecuteAsync(c => c.TimerExpired(timer))), null, delay, Timeout.InfiniteTimeSpan);
    }

    private void Observe(Task task) =>
        task.ContinueWith(
            t => CallsLog.BackgroundCommandFailed(_logger, Info.Id, t.Exception),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
