using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hark.Calls.Lifecycle;
using Hark.Calls.Persistence;
using Hark.Graph.Auth;
using Hark.Graph.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using CallDirection = Hark.Calls.Lifecycle.CallDirection;
using CallState = Hark.Calls.Lifecycle.CallState;

namespace Hark.Graph.Calls;

/// <summary>
/// The live calls: offers them to applications, finds them for the API, and ends them all cleanly when the
/// host stops. At start it closes calls a crash left unfinished, so their bots hear they ended.
/// </summary>
public sealed class CallHub : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, GraphCall> _calls = new(StringComparer.OrdinalIgnoreCase);

    // Live calls per application, for Hark:Calls:MaxConcurrentPerApplication; reserved before a call exists.
    private readonly Dictionary<string, int> _perApplication = new(StringComparer.OrdinalIgnoreCase);
    private readonly GraphCallServices _services;
    private readonly IApplicationDirectory _applications;
    private readonly GraphTokenService _tokens;
    private readonly ILogger<CallHub> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly HarkBaseUrl? _baseUrl;
    private readonly IHostApplicationLifetime? _lifetime;
    private Task _recovery = Task.CompletedTask;

    public CallHub(
        GraphCallServices services, IApplicationDirectory applications, GraphTokenService tokens, ILogger<CallHub> logger,
        HarkBaseUrl? baseUrl = null, IHostApplicationLifetime? lifetime = null)
    {
        _baseUrl = baseUrl;
        _lifetime = lifetime;
        _services = services;
        _applications = applications;
        _tokens = tokens;
        _logger = logger;
    }

    /// <summary>The live call with this id; null once it has ended (its state is then in the store).</summary>
    public GraphCall? Find(string callId) => _calls.GetValueOrDefault(callId);

    /// <summary>Number of live calls.</summary>
    public int Count => _calls.Count;

    /// <summary>Rings the application the offer routes to; null when no application takes the number or it is at its cap.</summary>
    public GraphCall? Offer(IncomingCallOffer offer, ICallTransport transport) => Offer(offer, transport, out _);

    /// <summary>Rings the application the offer routes to; null, with why in <paramref name="refusal"/>, when it cannot.</summary>
    public GraphCall? Offer(IncomingCallOffer offer, ICallTransport transport, out OfferRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var application = offer.ApplicationId is { } id ? _applications.Find(id) : _applications.Route(offer.To);
        if (application is null)
        {
            CallsLog.NotRouted(_logger, offer.From, offer.To);
            refusal = OfferRefusal.NotRouted;
            return null;
        }

        if (!TryReserve(application.ClientId, "incoming"))
        {
            refusal = OfferRefusal.ApplicationAtCapacity;
            return null;
        }

        refusal = OfferRefusal.None;

        var info = new CallInfo
        {
            Id = Guid.NewGuid().ToString(),
            ApplicationId = application.ClientId,
            TenantId = _tokens.TenantId,
            Direction = CallDirection.Incoming,
            RemoteNumber = offer.From,
            LocalNumber = offer.To,
            CreatedAt = _services.Time.GetUtcNow(),
            CallbackUri = application.CallbackUri?.ToString(),
            BaseUrl = offer.BaseUrl,
        };
        GraphCall call;
        try
        {
            call = GraphCall.Offer(info, _services, transport);
        }
        catch
        {
            Release(application.ClientId);
            throw;
        }

        Start(call);
        CallsLog.Offered(_logger, info.Id, offer.From, offer.To, info.ApplicationId);
        return call;
    }

    /// <summary>
    /// The application places a call to <paramref name="target"/>; it starts establishing and the transport dials.
    /// Null when the application is at <see cref="CallOptions.MaxConcurrentPerApplication"/> (nothing is dialled).
    /// </summary>
    public GraphCall? Dial(string applicationId, string target, string? callbackUri, string? subject, string baseUrl, Func<ICallTransport> transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        if (!TryReserve(applicationId, "outgoing"))
        {
            return null;
        }

        var info = new CallInfo
        {
            Id = Guid.NewGuid().ToString(),
            ApplicationId = applicationId,
            TenantId = _tokens.TenantId,
            Direction = CallDirection.Outgoing,
            RemoteNumber = target,
            Subject = subject,
            CreatedAt = _services.Time.GetUtcNow(),
            CallbackUri = callbackUri ?? _applications.Find(applicationId)?.CallbackUri?.ToString(),
            BaseUrl = baseUrl,
        };
        GraphCall call;
        try
        {
            call = GraphCall.Dial(info, _services, transport());
        }
        catch
        {
            Release(applicationId);
            throw;
        }

        Start(call);
        return call;
    }

    /// <summary>Live calls of <paramref name="applicationId"/> now.</summary>
    public int CountOf(string applicationId)
    {
        lock (_perApplication)
        {
            return _perApplication.GetValueOrDefault(applicationId);
        }
    }

    private bool TryReserve(string applicationId, string direction)
    {
        var limit = _services.Calls.MaxConcurrentPerApplication;
        lock (_perApplication)
        {
            var live = _perApplication.GetValueOrDefault(applicationId);
            if (limit > 0 && live >= limit)
            {
                CallsLog.ApplicationAtCapacity(_logger, applicationId, limit, direction);
                GraphMetrics.LimitRefusals.Add(1, new KeyValuePair<string, object?>("limit", "calls_per_application"));
                return false;
            }

            _perApplication[applicationId] = live + 1;
            return true;
        }
    }

    private void Release(string applicationId)
    {
        lock (_perApplication)
        {
            var live = _perApplication.GetValueOrDefault(applicationId) - 1;
            if (live > 0)
            {
                _perApplication[applicationId] = live;
            }
            else
            {
                _perApplication.Remove(applicationId);
            }
        }
    }

    private void Start(GraphCall call)
    {
        _calls[call.Info.Id] = call;
        _ = call.StartAsync(_stopping.Token).ContinueWith(
            (_, state) =>
            {
                var ended = (GraphCall)state!;
                _calls.TryRemove(ended.Info.Id, out GraphCall? _);
                Release(ended.Info.ApplicationId);
            },
            call,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// Closes what a crash left unfinished (<see cref="CallRecovery"/>). In a host this waits until the server
    /// listens, so recordingLocation carries the real base URL; without one (tests) it runs at once.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var recovery = new CallRecovery(_services, _logger);
        if (_lifetime is null)
        {
            return recovery.RecoverAsync(_baseUrl?.Current ?? HarkBaseUrl.Default, cancellationToken);
        }

        _recovery = RecoverWhenStartedAsync(recovery);
        return Task.CompletedTask;
    }

    private async Task RecoverWhenStartedAsync(CallRecovery recovery)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (_lifetime!.ApplicationStarted.Register(() => started.TrySetResult()))
        using (_stopping.Token.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
                await recovery.RecoverAsync(_baseUrl?.Current ?? HarkBaseUrl.Default, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Stopped before the server started: the next start recovers.
            }
#pragma warning disable CA1031 // A failed recovery is logged; the calls stay unfinished and the next start tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                CallsLog.RecoveryFailed(_logger, ex);
            }
        }
    }

    /// <summary>Ends every live call as Hark stopping: running recordings complete with what they have, and are notified.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var calls = _calls.Values.ToArray();
        await Task.WhenAll(calls.Select(c => c.AbortAsync(CallResultCodes.ServerStopped))).WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(calls.Select(c => c.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await _recovery.ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();
}
