using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hark.Integration.Harness;

/// <summary>
/// The bot's side of the wire on 127.0.0.1:0: receives notifications at <see cref="CallbackUri"/> (checking
/// each JWT, dropping repeats by X-Hark-Notification-Id) into one <see cref="CallInbox"/> per call, and
/// serves prompt WAVs under /prompts/.
/// </summary>
public sealed class BotListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, CallInbox> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _prompts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _promptFetches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _seenIds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private NotificationAuthenticator? _authenticator;
    private int _duplicates;

    private BotListener(WebApplication app) => _app = app;

    /// <summary>Base URL the listener answers on.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Where notifications are to be posted.</summary>
    public Uri CallbackUri => new(BaseUri, "/callback");

    /// <summary>Problems with received notifications: bad tokens, missing ids, unparsable bodies. Should stay empty.</summary>
    public IReadOnlyCollection<string> Failures => [.. _failures];

    /// <summary>Notifications dropped because their id had been seen already (retries).</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    public static async Task<BotListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var listener = new BotListener(app);
        app.MapPost("/callback", listener.ReceiveAsync);
        app.MapGet("/prompts/{name}", listener.ServePrompt);
        await app.StartAsync();
        listener.BaseUri = new Uri(app.Urls.Single());
        return listener;
    }

    /// <summary>Starts checking tokens against this Hark (call once Hark is up).</summary>
    public void Trust(NotificationAuthenticator authenticator) => _authenticator = authenticator;

    /// <summary>The inbox of one call (created on first use, so a test may ask before anything arrives).</summary>
    public CallInbox Call(string callId) => _calls.GetOrAdd(callId, _ => new CallInbox());

    /// <summary>
    /// Waits for notifications of a call not in <paramref name="known"/> (a call placed from outside, e.g. over SIP);
    /// stops early with <paramref name="callerGaveUp"/>'s exception when that task faults.
    /// </summary>
    public async Task<string> WaitForNewCallAsync(IReadOnlyCollection<string> known, TimeSpan timeout, Task? callerGaveUp = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (callerGaveUp is { IsFaulted: true })
            {
                // The caller failed before its call showed up (e.g. it could not start): its own result says why.
                await callerGaveUp;
            }

            var fresh = _calls.Keys.FirstOrDefault(id => !known.Contains(id));
            if (fresh is not null)
            {
                return fresh;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No new call within {timeout.TotalSeconds} s.");
    }

    /// <summary>The calls notifications arrived for so far.</summary>
    public IReadOnlyCollection<string> CallIds => [.. _calls.Keys];

    /// <summary>Serves <paramref name="wav"/> and returns its URL.</summary>
    public Uri AddPrompt(string name, byte[] wav)
    {
        _prompts[name] = wav;
        return PromptUri(name);
    }

    /// <summary>The URL a prompt has (or would have: unknown names answer 404).</summary>
    public Uri PromptUri(string name) => new(BaseUri, "/prompts/" + Uri.EscapeDataString(name));

    /// <summary>How often Hark fetched a prompt.</summary>
    public int PromptFetches(string name) => _promptFetches.TryGetValue(name, out var n) ? n : 0;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult ServePrompt(string name)
    {
        _promptFetches.AddOrUpdate(name, 1, (_, n) => n + 1);
        return _prompts.TryGetValue(name, out var wav) ? Results.Bytes(wav, "audio/wav") : Results.NotFound();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var authenticator = _authenticator;
        var problem = authenticator is null
            ? "notification before the listener was told which Hark to trust"
            : await authenticator.CheckAsync(request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, cancellationToken);
        if (problem is not null)
        {
            _failures.Enqueue("token: " + problem);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var id = request.Headers["X-Hark-Notification-Id"].ToString();
        if (id.Length == 0)
        {
            _failures.Enqueue("no X-Hark-Notification-Id header");
        }

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or IOException or OperationCanceledException)
        {
            // A request cut off mid-body (e.g. Hark stopping) is not received: its retry must not look like a duplicate.
            return Results.BadRequest();
        }

        using (body)
        {
            if (id.Length > 0 && !_seenIds.TryAdd(id, 0))
            {
                Interlocked.Increment(ref _duplicates);
                return Results.Accepted();
            }

            try
            {
                foreach (var entry in body.RootElement.GetProperty("value").EnumerateArray())
                {
                    Route(id, entry);
                }
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException)
            {
                _failures.Enqueue("unparsable notification: " + ex.Message);
            }
        }

        return Results.Accepted();
    }

    private void Route(string id, JsonElement entry)
    {
        var changeType = entry.GetProperty("changeType").GetString() ?? string.Empty;
        var resourceUrl = entry.GetProperty("resourceUrl").GetString() ?? string.Empty;
        var data = entry.TryGetProperty("resourceData", out var d) ? d.Clone() : default;

        // resourceData is one entity, or (a roster) the array of participants: kept whole either way.
        long? sequence = entry.TryGetProperty("sequenceNumber", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt64() : null;
        var notification = new ReceivedNotification(id, changeType.ToLowerInvariant(), resourceUrl, data, _clock.Elapsed) { SequenceNumber = sequence };
        if (notification.CallId.Length == 0)
        {
            _failures.Enqueue("resourceUrl names no call: " + resourceUrl);
            return;
        }

        Call(notification.CallId).Post(notification);
    }
}
