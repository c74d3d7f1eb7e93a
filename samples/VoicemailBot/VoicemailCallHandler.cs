using System.Net.Http.Headers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Communications.Calls.Item.Answer;
using Microsoft.Graph.Communications.Calls.Item.RecordResponse;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Serialization.Json;

namespace Hark.Samples.Voicemail;

/// <summary>
/// The voicemail logic, one notification at a time: answer each incoming call, record once the call is
/// established with audio, download the recording when the operation completes, then hang up.
/// </summary>
internal sealed class VoicemailCallHandler(
    GraphServiceClient graph,
    HttpClient http,
    VoicemailBotOptions options,
    Uri callbackUri,
    Uri promptUri,
    ChannelWriter<SavedVoicemail> saved,
    ILogger logger)
{
    // The same resourceId in answer's preFetchMedia and in the prompt lets the platform use its cached copy.
    private readonly string _promptResourceId = Guid.NewGuid().ToString();

    // Calls whose recording has started ("established" may be notified more than once).
    private readonly HashSet<string> _recording = new(StringComparer.Ordinal);

    public async Task HandleAsync(BotNotification notification, CancellationToken cancellationToken)
    {
        var callId = notification.CallId;
        try
        {
            if (notification.IsOperation)
            {
                if (notification.Is("deleted") && Parse(notification, CommsOperation.CreateFromDiscriminatorValue) is RecordOperation record)
                {
                    await FinishAsync(callId, record, cancellationToken);
                }

                return;
            }

            var call = Parse(notification, Call.CreateFromDiscriminatorValue);
            if (notification.Is("created") && call?.State == CallState.Incoming)
            {
                await AnswerAsync(callId, cancellationToken);
            }
            else if (notification.Is("updated") && call is { State: CallState.Established, MediaState.Audio: MediaState.Active }
                && _recording.Add(callId))
            {
                await RecordAsync(callId, cancellationToken);
            }
            else if (notification.Is("deleted"))
            {
                _recording.Remove(callId);
                BotLog.Ended(logger, callId);
            }
        }
        catch (Exception ex) when (ex is ODataError or HttpRequestException or IOException)
        {
            BotLog.HandlingFailed(logger, ex, callId);
        }
    }

    private Task AnswerAsync(string callId, CancellationToken cancellationToken)
    {
        BotLog.Answering(logger, callId);
        return graph.Communications.Calls[callId].Answer.PostAsync(
            new AnswerPostRequestBody
            {
                CallbackUri = callbackUri.ToString(),
                MediaConfig = new ServiceHostedMediaConfig { PreFetchMedia = [Prompt()] },
                AcceptedModalities = [Modality.Audio],
            },
            cancellationToken: cancellationToken);
    }

    private async Task RecordAsync(string callId, CancellationToken cancellationToken)
    {
        BotLog.Recording(logger, callId);
        await graph.Communications.Calls[callId].RecordResponse.PostAsync(
            new RecordResponsePostRequestBody
            {
                Prompts = [new MediaPrompt { MediaInfo = Prompt() }],
                BargeInAllowed = true,
                PlayBeep = true,
                InitialSilenceTimeoutInSeconds = options.InitialSilenceTimeoutInSeconds,
                MaxSilenceTimeoutInSeconds = options.MaxSilenceTimeoutInSeconds,
                MaxRecordDurationInSeconds = options.MaxRecordDurationInSeconds,
                StopTones = ["#"],
                ClientContext = callId,
            },
            cancellationToken: cancellationToken);
    }

    private async Task FinishAsync(string callId, RecordOperation record, CancellationToken cancellationToken)
    {
        // The samples' rule: a recording is usable when the operation completed with code 200.
        if (record is { Status: OperationStatus.Completed, ResultInfo.Code: 200, RecordingLocation: { Length: > 0 } location })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, location);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", record.RecordingAccessToken);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            Directory.CreateDirectory(options.OutputDirectory);
            var path = Path.GetFullPath(Path.Combine(options.OutputDirectory, $"{callId}-{record.Id}.wav"));
            await using (var file = File.Create(path))
            {
                await response.Content.CopyToAsync(file, cancellationToken);
            }

            BotLog.Saved(logger, callId, path);
            saved.TryWrite(new SavedVoicemail(callId, record.Id ?? string.Empty, path));
        }
        else
        {
            BotLog.NoRecording(logger, callId, record.Status?.ToString(), record.ResultInfo?.Code, record.ResultInfo?.Subcode);
        }

        await HangUpAsync(callId, cancellationToken);
    }

    private async Task HangUpAsync(string callId, CancellationToken cancellationToken)
    {
        try
        {
            await graph.Communications.Calls[callId].DeleteAsync(cancellationToken: cancellationToken);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            // The caller hung up first (the recording still arrives, before the call's end).
        }
    }

    private MediaInfo Prompt() => new() { Uri = promptUri.ToString(), ResourceId = _promptResourceId };

    private static T? Parse<T>(BotNotification notification, Microsoft.Kiota.Abstractions.Serialization.ParsableFactory<T> factory)
        where T : Microsoft.Kiota.Abstractions.Serialization.IParsable =>
        notification.ResourceData.ValueKind == System.Text.Json.JsonValueKind.Object
            ? new JsonParseNode(notification.ResourceData).GetObjectValue(factory)
            : default;
}
