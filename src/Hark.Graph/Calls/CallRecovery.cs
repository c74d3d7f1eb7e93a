using System.Text.Json.Nodes;
using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Calls.Persistence;
using Hark.Graph.Contracts;
using Hark.Media.Wav;
using Microsoft.Extensions.Logging;
using CallState = Hark.Calls.Lifecycle.CallState;

namespace Hark.Graph.Calls;

/// <summary>
/// Closes what a crash (kill -9, power loss) left open: every operation still running ends, a record whose WAV is
/// on disk completes with it (recordingLocation, token, 200/8516), any other fails 503/8606; then the call is
/// terminated 503/8606. All of one call is saved in one transaction, operations' notifications before the call's.
/// </summary>
internal sealed class CallRecovery(GraphCallServices services, ILogger logger)
{
    public const string RecordKeptMessage = "Action completed; Hark stopped unexpectedly and the recording up to then is kept.";
    public const string LostMessage = "Action failed; Hark stopped unexpectedly before the operation finished.";

    /// <summary>Closes every unfinished call; <paramref name="baseUrl"/> is where recordingLocation points.</summary>
    public async Task RecoverAsync(string baseUrl, CancellationToken cancellationToken)
    {
        foreach (var stored in await services.Store.GetUnfinishedCallsAsync(cancellationToken).ConfigureAwait(false))
        {
            CallsLog.Recovered(logger, stored.Id);
            var callbackUri = Callback(stored.ResourceJson);
            var now = services.Time.GetUtcNow();
            var operations = new List<StoredOperation>();
            var recordings = new List<StoredRecording>();
            var notifications = new List<OutboxMessage>();

            // The call's notifications go on numbering where the crashed run stopped (the log has no gaps).
            var written = (await services.Store.GetNotificationsAsync(stored.Id, cancellationToken).ConfigureAwait(false)).Count;
            foreach (var op in await services.Store.GetOperationsAsync(stored.Id, cancellationToken).ConfigureAwait(false))
            {
                if (op.Status is "completed" or "failed")
                {
                    continue;
                }

                var (resource, recording) = CloseOperation(stored, op, baseUrl, now);
                var json = resource.ToJsonString();
                operations.Add(op with { Status = resource["status"]!.GetValue<string>(), ResourceJson = json, UpdatedAt = now });
                if (recording is not null)
                {
                    recordings.Add(recording);
                }

                Notify(notifications, stored, callbackUri, $"/communications/calls/{stored.Id}/operations/{op.Id}", json, now, written);
            }

            var call = TerminateCall(stored.ResourceJson);
            Notify(notifications, stored, callbackUri, "/communications/calls/" + stored.Id, call, now, written);
            await services.Store.SaveAsync(new CallStateChange
            {
                Call = stored with { State = nameof(CallState.Terminated), ResourceJson = call, EndedAt = now },
                Operations = operations,
                Recordings = recordings,
                Notifications = notifications,
            }, cancellationToken).ConfigureAwait(false);
        }

        services.OutboxSignal.Notify();
    }

    private (JsonObject Resource, StoredRecording? Recording) CloseOperation(StoredCall call, StoredOperation op, string baseUrl, DateTimeOffset now)
    {
        var resource = JsonNode.Parse(op.ResourceJson) as JsonObject ?? [];
        var isRecord = ODataTypes.Matches(resource["@odata.type"]?.GetValue<string>(), ODataTypes.RecordOperation);

        // GraphCall names a record's WAV after its operation, so the file is found without any other row.
        if (isRecord && ReadRecording(op.Id) is { } wav)
        {
            var result = MediaResultCodes.For(MediaCompletionReason.CallerHungUp);
            resource["status"] = "completed";
            resource["resultInfo"] = Result(result.Code, result.Subcode, RecordKeptMessage);
            resource["completionReason"] = "callerHungUp";
            resource["recordingLocation"] = $"{baseUrl.TrimEnd('/')}/hark/v1/recordings/{op.Id}";
            resource["recordingAccessToken"] = services.RecordingTokens.Issue(op.Id).Value;
            return (resource, new StoredRecording(op.Id, call.Id, op.Id, wav.SampleRate, wav.Samples.LongLength, now));
        }

        var lost = CallResultCodes.ServerLost;
        resource["status"] = "failed";
        resource["resultInfo"] = Result(lost.Code, lost.Subcode, LostMessage);
        if (isRecord)
        {
            resource["completionReason"] = "unspecifiedError";
            resource["recordingLocation"] = "";
            resource["recordingAccessToken"] = "";
        }
        else if (ODataTypes.Matches(resource["@odata.type"]?.GetValue<string>(), ODataTypes.PlayPromptOperation))
        {
            resource["completionReason"] = "unknown";
        }

        return (resource, null);
    }

    // A WAV the crashed run was writing: its header is valid at every moment (WavWriter), so it opens as far as it got.
    private WavAudio? ReadRecording(string recordingId)
    {
        try
        {
            using var stream = services.Recordings.OpenRead(recordingId);
            return stream is null ? null : WavReader.Read(stream);
        }
        catch (Exception ex) when (ex is WavFormatException or IOException or ArgumentException)
        {
            CallsLog.RecoveredRecordingUnreadable(logger, recordingId, ex.Message);
            return null;
        }
    }

    private static string TerminateCall(string resourceJson)
    {
        var lost = CallResultCodes.ServerLost;
        var resource = JsonNode.Parse(resourceJson) as JsonObject ?? [];
        resource["state"] = "terminated";
        resource.Remove("mediaState");
        resource["resultInfo"] = Result(lost.Code, lost.Subcode, lost.Message);
        return resource.ToJsonString();
    }

    private static JsonObject Result(int code, int subcode, string message) => new()
    {
        ["@odata.type"] = ODataTypes.ResultInfo,
        ["code"] = code,
        ["subcode"] = subcode,
        ["message"] = message,
    };

    private static string? Callback(string resourceJson) =>
        (JsonNode.Parse(resourceJson) as JsonObject)?["callbackUri"]?.GetValue<string>();

    private static void Notify(
        List<OutboxMessage> into, StoredCall call, string? target, string resourceUrl, string resourceJson, DateTimeOffset now, int writtenBefore)
    {
        if (target is null)
        {
            return;
        }

        var envelope = new JsonObject
        {
            ["@odata.type"] = ODataTypes.CommsNotifications,
            ["value"] = new JsonArray(new JsonObject
            {
                ["@odata.type"] = ODataTypes.CommsNotification,
                ["changeType"] = "deleted",
                ["resourceUrl"] = resourceUrl,
                ["callbackUri"] = target,
                ["resourceData"] = JsonNode.Parse(resourceJson),
                ["sequenceNumber"] = writtenBefore + into.Count + 1,
            }),
        };
        into.Add(new OutboxMessage(Guid.NewGuid().ToString(), call.Id, call.ApplicationId, target, envelope.ToJsonString(), now));
    }
}
