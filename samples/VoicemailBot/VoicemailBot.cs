using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Hark.Samples.Voicemail;

/// <summary>
/// A voicemail bot on the Graph calls API: it answers every incoming call, plays a prompt and a beep,
/// records until the caller presses # or stops talking, saves the WAV and hangs up.
/// </summary>
public sealed class VoicemailBot(VoicemailBotOptions options)
{
    private readonly Channel<SavedVoicemail> _saved = Channel.CreateUnbounded<SavedVoicemail>();
    private readonly Channel<BotNotification> _inbox = Channel.CreateUnbounded<BotNotification>(new() { SingleReader = true });
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);

    /// <summary>Completes with the callback URL once the bot listens.</summary>
    public Task<Uri> Listening => _listening.Task;

    /// <summary>Each voicemail saved; completes when <see cref="RunAsync"/> ends.</summary>
    public ChannelReader<SavedVoicemail> Saved => _saved.Reader;

    /// <summary>Listens and handles calls until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.ListenUrl.ToString());
        await using var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<VoicemailBot>();
        using var http = new HttpClient();
        using var tokens = new ClientCredentialsTokenProvider(http, options, TimeProvider.System);
        var graphBase = options.GraphBaseUrl ?? new Uri(options.Authority.ToString().TrimEnd('/') + "/v1.0");

        // Against Microsoft Graph this would be new GraphServiceClient(credential, scopes); only the base URL and auth differ.
        using var graph = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens), graphBase.ToString());
        var validator = new NotificationValidator(http, options);
        var chime = Chime.CreateWav();

        app.MapGet("/prompt.wav", () => Results.Bytes(chime, "audio/wav"));
        app.MapPost("/callback", (HttpRequest request, CancellationToken ct) => ReceiveAsync(request, validator, logger, ct));
        try
        {
            await app.StartAsync(cancellationToken);
            var bound = new Uri(app.Urls.First());
            var callbackUri = options.CallbackUri ?? new Uri(bound, "/callback");
            var handler = new VoicemailCallHandler(
                graph, http, options, callbackUri, options.PromptUri ?? new Uri(bound, "/prompt.wav"), _saved.Writer, logger);
            BotLog.Listening(logger, callbackUri);
            _listening.TrySetResult(callbackUri);

            await foreach (var notification in _inbox.Reader.ReadAllAsync(cancellationToken))
            {
                await handler.HandleAsync(notification, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _listening.TrySetCanceled(CancellationToken.None);
            _saved.Writer.TryComplete();
            await app.StopAsync(CancellationToken.None);
        }
    }

    // Answer fast (202) and work from the inbox: the platform retries slow or failed deliveries.
    private async Task<IResult> ReceiveAsync(HttpRequest request, NotificationValidator validator, ILogger logger, CancellationToken cancellationToken)
    {
        if (!await validator.IsValidAsync(request.Headers.Authorization.ToString(), cancellationToken))
        {
            BotLog.BadToken(logger);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        // Retries carry the same id: handle each notification once.
        var id = request.Headers["X-Hark-Notification-Id"].ToString();
        if (id.Length > 0 && !_seen.TryAdd(id, 0))
        {
            return Results.Accepted();
        }

        using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        if (body.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in value.EnumerateArray())
            {
                _inbox.Writer.TryWrite(new BotNotification(
                    entry.TryGetProperty("changeType", out var c) ? c.GetString() ?? string.Empty : string.Empty,
                    entry.TryGetProperty("resourceUrl", out var r) ? r.GetString() ?? string.Empty : string.Empty,
                    entry.TryGetProperty("resourceData", out var d) ? d.Clone() : default));
            }
        }

        return Results.Accepted();
    }
}
