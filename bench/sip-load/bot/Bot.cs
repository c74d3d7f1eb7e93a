using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Hark.SipLoadBot;

/// <summary>
/// Answers every incoming call, starts recordResponse (stop tone '#') once the call is established, downloads the WAV
/// when the operation's completion arrives and hangs up. A notification's effects on the bot's state are applied before
/// its 202 (Hark sends a call's notifications one at a time, so the next one finds them); the HTTP calls to Hark it
/// leads to run afterwards on the thread pool, so no webhook waits for them.
/// </summary>
internal sealed class Bot
{
    private readonly HarkClient _hark;
    private readonly BotSettings _settings;
    private readonly byte[] _answer;
    private readonly byte[] _record;
    private readonly ConcurrentDictionary<string, BotCall> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly CancellationToken _stopping;
    private int _finished;

    public Bot(HarkClient hark, BotSettings settings, CancellationToken stopping)
    {
        _hark = hark;
        _settings = settings;
        _stopping = stopping;
        // The same two bodies for every call: serialised once.
        _answer = Serialise(new JsonObject
        {
            ["callbackUri"] = $"http://127.0.0.1:{settings.Port}/cb",
            ["acceptedModalities"] = new JsonArray("audio"),
            ["mediaConfig"] = new JsonObject { ["@odata.type"] = "#microsoft.graph.serviceHostedMediaConfig" },
        });
        var record = new JsonObject
        {
            ["playBeep"] = settings.PromptUri is not null,
            ["stopTones"] = new JsonArray("#"),
            ["initialSilenceTimeoutInSeconds"] = 10,
            ["maxSilenceTimeoutInSeconds"] = 10,
            ["maxRecordDurationInSeconds"] = 120,
        };
        if (settings.PromptUri is not null)
        {
            // Hark plays the prompt and the beep (sending audio) before it listens; the caller's lead-in covers both.
            record["prompts"] = new JsonArray(new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.mediaPrompt",
                ["mediaInfo"] = new JsonObject
                {
                    ["@odata.type"] = "#microsoft.graph.mediaInfo",
                    ["uri"] = settings.PromptUri,
                    ["resourceId"] = "bench-prompt",
                },
            });
        }

        _record = Serialise(record);
    }

    /// <summary>One webhook POST, <paramref name="arrived"/> stamped as the request reached the handler.</summary>
    public async Task ReceiveAsync(HttpRequest request, double arrived)
    {
        var id = request.Headers["X-Hark-Notification-Id"].ToString();
        if (id.Length > 0 && !_seen.TryAdd(id, 0))
        {
            return; // delivery is at least once: a retry carries the same id
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            foreach (var notification in body.RootElement.GetProperty("value").EnumerateArray())
            {
                OnNotification(notification, arrived);
            }
        }
#pragma warning disable CA1031 // acknowledged all the same: a retry would hold up the call's next ones
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _failures.Enqueue($"notification {id}: {ex.Message}");
        }
    }

    /// <summary>Writes {"calls": [...], "failures": [...]} for run.py.</summary>
    public void WriteResults(string path)
    {
        using var file = File.Create(path);
        using var json = new Utf8JsonWriter(file);
        json.WriteStartObject();
        json.WriteStartArray("calls");
        foreach (var call in _calls.Values)
        {
            call.WriteTo(json);
        }

        json.WriteEndArray();
        json.WriteStartArray("failures");
        foreach (var failure in _failures)
        {
            json.WriteStringValue(failure);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private void OnNotification(JsonElement notification, double arrived)
    {
        var url = notification.TryGetProperty("resourceUrl", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : "";
        var data = notification.TryGetProperty("resourceData", out var d) && d.ValueKind != JsonValueKind.Null ? d : Empty;
        if (data.ValueKind != JsonValueKind.Object)
        {
            return; // a collection (participants): nothing this bot acts on
        }

        var segments = url.Split('/');
        var callId = segments.Length > 3 ? segments[3] : "";
        var changeType = notification.TryGetProperty("changeType", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "";
        var deleted = changeType.Equals("deleted", StringComparison.OrdinalIgnoreCase);
        var operation = url.Contains("/operations/", StringComparison.Ordinal);
        var state = data.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (changeType.Equals("created", StringComparison.OrdinalIgnoreCase) && state == "incoming")
        {
            var call = new BotCall(callId, Caller(data), arrived);
            _calls[callId] = call;
            Run(call, "answer", AnswerAsync);
        }
        else if (operation && deleted)
        {
            if (_calls.TryGetValue(callId, out var call) && call.Complete(arrived, data.Clone()))
            {
                Run(call, "fetch", FetchAsync);
            }
        }
        else if (deleted)
        {
            // The call ended; if its recording never completed, it is done.
            if (_calls.TryGetValue(callId, out var call)
                && call.Ended($"call ended ({Result(data, "code")}/{Result(data, "subcode")}) before its recording completed"))
            {
                Finish(call);
            }
        }
        else if (state == "established" && !operation)
        {
            if (_calls.TryGetValue(callId, out var call) && call.ClaimRecord())
            {
                Run(call, "record", RecordAsync);
            }
        }
    }

    /// <summary>On the thread pool, so the webhook's 202 does not wait for the request to be written.</summary>
    private void Run(BotCall call, string name, Func<BotCall, Task> action) => _ = Task.Run(() => RunAsync(call, name, action));

    private async Task RunAsync(BotCall call, string name, Func<BotCall, Task> action)
    {
        try
        {
            await action(call);
        }
#pragma warning disable CA1031 // one broken call is reported with the others
        catch (Exception ex)
#pragma warning restore CA1031
        {
            call.Fail($"{name}: {ex.Message}");
            if (name == "fetch")
            {
                Finish(call);
            }
        }
    }

    private Task AnswerAsync(BotCall call) =>
        _hark.PostAsync($"/v1.0/communications/calls/{call.CallId}/answer", _answer, _stopping);

    private async Task RecordAsync(BotCall call)
    {
        await _hark.PostAsync($"/v1.0/communications/calls/{call.CallId}/recordResponse", _record, _stopping);
        call.RecordStarted(UnixTime.Now());
    }

    private async Task FetchAsync(BotCall call)
    {
        var op = call.Operation!.Value;
        if (op.TryGetProperty("recordingLocation", out var location) && location.GetString() is { Length: > 0 } uri)
        {
            var token = op.TryGetProperty("recordingAccessToken", out var t) ? t.GetString() ?? "" : "";
            var path = Path.Combine(_settings.Folder, call.CallId + ".wav");
            await _hark.DownloadAsync(new Uri(uri).PathAndQuery, token, path, _stopping);
            call.Saved(path);
        }

        await _hark.DeleteAsync($"/v1.0/communications/calls/{call.CallId}", _stopping);
        Finish(call);
    }

    /// <summary>run.py waits on these lines.</summary>
    private void Finish(BotCall call)
    {
        if (call.Finish())
        {
            Console.Out.WriteLine($"finished {Interlocked.Increment(ref _finished)}");
        }
    }

    /// <summary>The SIP From user: the caller's RTP port in bench/sip-load's scenario.</summary>
    private static string Caller(JsonElement call)
    {
        if (call.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object
            && source.TryGetProperty("identity", out var identity) && identity.ValueKind == JsonValueKind.Object)
        {
            foreach (var kind in identity.EnumerateObject())
            {
                if (kind.Value.ValueKind == JsonValueKind.Object && kind.Value.TryGetProperty("id", out var id)
                    && id.ValueKind != JsonValueKind.Null && id.ToString() is { Length: > 0 } text)
                {
                    return text;
                }
            }
        }

        return "";
    }

    private static string Result(JsonElement data, string field) =>
        data.TryGetProperty("resultInfo", out var result) && result.ValueKind == JsonValueKind.Object
            && result.TryGetProperty(field, out var value) ? value.ToString() : "None";

    private static byte[] Serialise(JsonObject body) =>
        Encoding.UTF8.GetBytes(body.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement;
}
