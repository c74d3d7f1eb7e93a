using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hark.Calls.Lifecycle;
using Hark.Calls.Persistence;
using Hark.Graph.Auth;
using Hark.Graph.Contracts;
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
    private readonly GraphCallServices _services;
    private readonly IApplicationDirectory _applications;
    private readonly GraphTokenService _tokens;
    private readonly ILogger<CallHub> _logger;
    private readonly CancellationTokenSource _stopping = new();

    public CallHub(GraphCallServices services, IApplicationDirectory applications, GraphTokenService tokens, ILogger<CallHub> logger)
    {
        _services = services;
        _applications = applications;
        _tokens = tokens;
        _logger = logger;
    }

    /// <summary>The live call with this id; null once it has ended (its state is then in the store).</summary>
    public GraphCall? Find(string callId) => _calls.GetValueOrDefault(callId);

    /// <summary>Number of live calls.</summary>
    public int Count => _calls.Count;

    /// <summary>Rings the application the offer routes to; null when no application takes the number.</summary>
    public GraphCall? Offer(IncomingCallOffer offer, ICallTransport transport)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var application = offer.ApplicationId is { } id ? _applications.Find(id) : _applications.Route(offer.To);
        if (application is null)
        {
            CallsLog.NotRouted(_logger, offer.From, offer.To);
            return null;
        }

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
        var call = GraphCall.Offer(info, _services, transport);
        Start(call);
        CallsLog.Offered(_logger, info.Id, offer.From, offer.To, info.ApplicationId);
        return call;
    }

    /// <summary>The application places a call to <paramref name="target"/>; it starts establishing and the transport dials.</summary>
    public GraphCall Dial(string applicationId, string target, string? callbackUri, string? subject, string baseUrl, ICallTransport transport)
    {
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
        var call = GraphCall.Dial(info, _services, transport);
        Start(call);
        return call;
    }

    private void Start(GraphCall call)
    {
        _calls[call.Info.Id] = call;
        _ = call.StartAsync(_stopping.Token).ContinueWith(
            (_, state) => _calls.TryRemove(((GraphCall)state!).Info.Id, out GraphCall? _),
            call,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var stored in await _services.Store.GetUnfinishedCallsAsync(cancellationToken).ConfigureAwait(false))
        {
            CallsLog.Recovered(_logger, stored.Id);
            var written = await _services.Store.GetNotificationsAsync(stored.Id, cancellationToken).ConfigureAwait(false);
            await _services.Store.SaveAsync(CloseLeftover(stored, written.Count + 1), cancellationToken).ConfigureAwait(false);
        }

        _services.OutboxSignal.Notify();
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
        }
    }

    public void Dispose() => _stopping.Dispose();

    // The crashed run's last saved resource, terminated, and the notification that says so.
    private CallStateChange CloseLeftover(StoredCall stored, long sequenceNumber)
    {
        var now = _services.Time.GetUtcNow();
        var result = CallResultCodes.ServerLost;
        var resource = JsonNode.Parse(stored.ResourceJson) as JsonObject ?? [];
        resource["state"] = "terminated";
        resource.Remove("mediaState");
        resource["resultInfo"] = new JsonObject
        {
            ["@odata.type"] = ODataTypes.ResultInfo,
            ["code"] = result.Code,
            ["subcode"] = result.Subcode,
            ["message"] = result.Message,
        };
        var json = resource.ToJsonString();
        var notifications = new List<OutboxMessage>(1);
        if (resource["callbackUri"]?.GetValue<string>() is { } target)
        {
            var envelope = new JsonObject
            {
                ["@odata.type"] = ODataTypes.CommsNotifications,
                ["value"] = new JsonArray(new JsonObject
                {
                    ["@odata.type"] = ODataTypes.CommsNotification,
                    ["changeType"] = "deleted",
                    ["resourceUrl"] = "/communications/calls/" + stored.Id,
                    ["callbackUri"] = target,
                    ["resourceData"] = JsonNode.Parse(json),
                    ["sequenceNumber"] = sequenceNumber,
                }),
            };
            notifications.Add(new OutboxMessage(Guid.NewGuid().ToString(), stored.Id, stored.ApplicationId, target, envelope.ToJsonString(), now));
        }

        return new CallStateChange
        {
            Call = stored with { State = nameof(CallState.Terminated), ResourceJson = json, EndedAt = now },
            Notifications = notifications,
        };
    }
}
