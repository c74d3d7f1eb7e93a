using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hark.Calls.Persistence;
using Hark.Graph.Auth;
using Hark.Graph.Calls;
using Hark.Graph.Errors;
using Hark.Host.Operations;
using Hark.Host.Simulator;
using Hark.Storage;
using Hark.Telephony;

namespace Hark.Host.Admin;

/// <summary>
/// The operator API under <c>/hark/v1/admin</c>: calls (live and recent) and a call's timeline, recordings, and
/// webhook deliveries with "retry now". Operator credential only (see <see cref="OperatorDirectory"/>).
/// </summary>
internal static class AdminEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapHarkAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/hark/v1/admin").RequireOperator();
        admin.MapGet("/calls", ListCallsAsync);
        admin.MapGet("/calls/{id}", GetCallAsync);
        admin.MapGet("/recordings", ListRecordingsAsync);
        admin.MapGet("/recordings/{id}", GetRecordingAsync);
        admin.MapGet("/recordings/{id}/content", DownloadRecordingAsync);
        admin.MapGet("/webhooks", ListWebhooksAsync);
        admin.MapPost("/webhooks/{id}/retry", RetryWebhookAsync);
        admin.MapGet("/events", CallEvents.Stream);
        admin.MapGet("/applications", ListApplications);
        admin.MapHarkOperatorSimulator();
        return endpoints;
    }

    private static async Task<IResult> ListCallsAsync(
        SqliteCallStore store, CallHub hub, string? state, string? application, string? number, int? limit, CancellationToken cancellationToken)
    {
        if (Limit(limit) is not { } max)
        {
            return BadLimit();
        }

        // A number filter reads the resource; look further back so the page still fills.
        var calls = await store.ListCallsAsync(state, application, number is null ? max : MaxLimit, cancellationToken);
        var value = new JsonArray();
        foreach (var call in calls)
        {
            var summary = CallSummary.Read(call.ResourceJson);
            if (number is not null && summary.RemoteNumber?.Contains(number, StringComparison.OrdinalIgnoreCase) != true)
            {
                continue;
            }

            if (value.Count == max)
            {
                break;
            }

            value.Add(CallJson(call, summary, hub));
        }

        return Json(new JsonObject { ["value"] = value });
    }

    private static async Task<IResult> GetCallAsync(
        string id, SqliteCallStore store, CallHub hub, SipMessageLog sip, GraphRequestLog requests, CancellationToken cancellationToken)
    {
        if (await store.GetCallAsync(id, cancellationToken) is not { } call)
        {
            return GraphError.NotFound($"No call '{id}'.");
        }

        var summary = CallSummary.Read(call.ResourceJson);
        var timeline = new List<(DateTimeOffset At, JsonObject Entry)>
        {
            (call.CreatedAt, Entry("call", summary.Direction == "incoming" ? $"offered by {summary.RemoteNumber}" : $"dialled {summary.RemoteNumber}")),
        };
        foreach (var operation in await store.GetOperationsAsync(id, cancellationToken))
        {
            var op = OperationSummary.Read(operation.ResourceJson);
            var entry = Entry("operation", $"{op.Type} {operation.Id} {operation.Status}" + (op.CompletionReason is { } r ? $": {r} ({op.Code}/{op.Subcode})" : ""));
            entry["operationId"] = operation.Id;
            timeline.Add((operation.UpdatedAt, entry));
        }

        foreach (var recording in await store.ListRecordingsAsync(id, MaxLimit, cancellationToken))
        {
            var entry = Entry("recording", $"recording {recording.Id}, {Seconds(recording):0.0} s");
            entry["recordingId"] = recording.Id;
            timeline.Add((recording.CreatedAt, entry));
        }

        // The call's own notification log (as GET /hark/v1/calls/{id}/notifications numbers it), with delivery.
        var sequence = 0;
        foreach (var notification in await store.GetNotificationsAsync(id, cancellationToken))
        {
            var message = notification.Message;
            var entry = Entry("notification", NotificationSummary.Read(message.Payload).Description);
            entry["notificationId"] = message.Id;
            entry["sequenceNumber"] = ++sequence;
            entry["delivery"] = new JsonObject
            {
                ["status"] = notification.DeliveredAt is not null ? "delivered" : notification.AbandonedAt is not null ? "failed" : notification.Attempts > 0 ? "retrying" : "pending",
                // Failed attempts are counted until it settles; a delivery adds the attempt that succeeded.
                ["attempts"] = notification.DeliveredAt is null ? notification.Attempts : notification.Attempts + 1,
                ["target"] = Uri.TryCreate(message.TargetUri, UriKind.Absolute, out var target) ? target.GetLeftPart(UriPartial.Path) : message.TargetUri,
                ["deliveredAt"] = notification.DeliveredAt?.ToString("O", CultureInfo.InvariantCulture),
                ["abandonedAt"] = notification.AbandonedAt?.ToString("O", CultureInfo.InvariantCulture),
                ["lastError"] = notification.LastError,
            };
            timeline.Add((message.CreatedAt, entry));
        }

        var (messages, sipDropped) = sip.Read(id);
        foreach (var message in messages)
        {
            var entry = Entry("sip", $"{(message.Direction == "in" ? "←" : "→")} {message.Summary}");
            entry["direction"] = message.Direction;
            entry["peer"] = message.Peer;
            timeline.Add((message.At, entry));
        }

        var (graphRequests, graphDropped) = requests.Read(id);
        foreach (var request in graphRequests)
        {
            var entry = Entry("graph", $"{request.Method} {request.Path} → {request.Status}");
            entry["method"] = request.Method;
            entry["path"] = request.Path;
            entry["status"] = request.Status;
            entry["milliseconds"] = Math.Round(request.Milliseconds, 1);
            timeline.Add((request.At, entry));
        }

        if (call.EndedAt is { } ended)
        {
            timeline.Add((ended, Entry("call", $"ended {summary.Code}/{summary.Subcode} {summary.Message}".TrimEnd())));
        }

        var events = new JsonArray();
        foreach (var (at, entry) in timeline.OrderBy(t => t.At))
        {
            entry["at"] = at.ToString("O", CultureInfo.InvariantCulture);
            events.Add(entry);
        }

        var body = CallJson(call, summary, hub);
        body["resource"] = JsonNode.Parse(call.ResourceJson);
        body["timeline"] = events;
        body["timelineDropped"] = new JsonObject { ["sip"] = sipDropped, ["graph"] = graphDropped };
        return Json(body);
    }

    private static async Task<IResult> ListRecordingsAsync(SqliteCallStore store, string? callId, int? limit, CancellationToken cancellationToken)
    {
        if (Limit(limit) is not { } max)
        {
            return BadLimit();
        }

        var value = new JsonArray();
        foreach (var recording in await store.ListRecordingsAsync(callId, max, cancellationToken))
        {
            value.Add(RecordingJson(recording));
        }

        return Json(new JsonObject { ["value"] = value });
    }

    private static async Task<IResult> GetRecordingAsync(string id, SqliteCallStore store, CancellationToken cancellationToken) =>
        await store.GetRecordingAsync(id, cancellationToken) is { } recording
            ? Json(RecordingJson(recording))
            : GraphError.NotFound($"No recording '{id}'.");

    private static async Task<IResult> DownloadRecordingAsync(string id, SqliteCallStore store, FileRecordingStore files, CancellationToken cancellationToken)
    {
        if (await store.GetRecordingAsync(id, cancellationToken) is null || files.OpenRead(id) is not { } stream)
        {
            return GraphError.NotFound($"No recording '{id}'.");
        }

        return TypedResults.Stream(stream, "audio/wav", id + ".wav", enableRangeProcessing: true);
    }

    private static async Task<IResult> ListWebhooksAsync(SqliteCallStore store, string? status, string? callId, int? limit, CancellationToken cancellationToken)
    {
        if (status is not (null or "pending" or "failed" or "delivered"))
        {
            return GraphError.BadRequest($"status must be pending, failed or delivered; got '{status}'.");
        }

        if (Limit(limit) is not { } max)
        {
            return BadLimit();
        }

        var value = new JsonArray();
        foreach (var entry in await store.ListOutboxAsync(callId, status, max, cancellationToken))
        {
            var json = DeliveryJson(entry);
            json["id"] = entry.Id;
            json["callId"] = entry.CallId;
            json["applicationId"] = entry.ApplicationId;
            json["summary"] = NotificationSummary.Read(entry.Payload).Description;
            json["createdAt"] = entry.CreatedAt.ToString("O", CultureInfo.InvariantCulture);
            value.Add(json);
        }

        return Json(new JsonObject { ["value"] = value });
    }

    private static async Task<IResult> RetryWebhookAsync(string id, SqliteCallStore store, IOutboxSignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await store.RetryNowAsync(id, time.GetUtcNow(), cancellationToken))
        {
            return GraphError.NotFound($"No undelivered notification '{id}'.");
        }

        signal.Notify();
        return Results.Text(new JsonObject { ["id"] = id, ["status"] = "pending" }.ToJsonString(), "application/json", statusCode: StatusCodes.Status202Accepted);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult ListApplications(IApplicationDirectory directory)
    {
        var value = new JsonArray();
        if (directory is ConfiguredApplicationDirectory configured)
        {
            foreach (var application in configured.All)
            {
                value.Add(new JsonObject
                {
                    ["clientId"] = application.ClientId,
                    ["numbers"] = new JsonArray([.. (application.Numbers ?? []).Select(n => (JsonNode?)n)]),
                    ["hasCallback"] = application.CallbackUri is not null,
                });
            }
        }

        return Json(new JsonObject { ["value"] = value });
    }

    internal static JsonObject CallJson(StoredCall call, CallSummary summary, CallHub hub) => new()
    {
        ["id"] = call.Id,
        ["applicationId"] = call.ApplicationId,
        ["state"] = JsonNamingPolicy.CamelCase.ConvertName(call.State),
        ["direction"] = summary.Direction,
        ["remoteNumber"] = summary.RemoteNumber,
        ["live"] = hub.Find(call.Id) is not null,
        ["createdAt"] = call.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["endedAt"] = call.EndedAt?.ToString("O", CultureInfo.InvariantCulture),
        ["resultInfo"] = call.EndedAt is null ? null : new JsonObject { ["code"] = summary.Code, ["subcode"] = summary.Subcode, ["message"] = summary.Message },
    };

    private static JsonObject RecordingJson(StoredRecording recording) => new()
    {
        ["id"] = recording.Id,
        ["callId"] = recording.CallId,
        ["operationId"] = recording.OperationId,
        ["sampleRate"] = recording.SampleRate,
        ["durationSeconds"] = Math.Round(Seconds(recording), 3),
        ["createdAt"] = recording.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["content"] = $"/hark/v1/admin/recordings/{recording.Id}/content",
    };

    private static JsonObject DeliveryJson(OutboxEntry entry) => new()
    {
        ["status"] = entry.DeliveredAt is not null ? "delivered" : entry.AbandonedAt is not null ? "failed" : entry.Attempts > 0 ? "retrying" : "pending",
        ["attempts"] = entry.Attempts,
        ["target"] = Uri.TryCreate(entry.TargetUri, UriKind.Absolute, out var target) ? target.GetLeftPart(UriPartial.Path) : entry.TargetUri,
        ["deliveredAt"] = entry.DeliveredAt?.ToString("O", CultureInfo.InvariantCulture),
        ["abandonedAt"] = entry.AbandonedAt?.ToString("O", CultureInfo.InvariantCulture),
        ["nextAttemptAt"] = entry.DeliveredAt is null && entry.AbandonedAt is null ? entry.NextAttemptAt.ToString("O", CultureInfo.InvariantCulture) : null,
        ["lastError"] = entry.LastError,
    };

    private static JsonObject Entry(string kind, string summary) => new() { ["kind"] = kind, ["summary"] = summary };

    private static double Seconds(StoredRecording recording) => (double)recording.DurationSamples / recording.SampleRate;

    private static int? Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        >= 1 and <= MaxLimit => limit,
        _ => null,
    };

    private static GraphErrorResult BadLimit() => GraphError.BadRequest($"limit must be between 1 and {MaxLimit}.");

    internal static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Json(JsonNode body) => TypedResults.Text(body.ToJsonString(), "application/json");
}
