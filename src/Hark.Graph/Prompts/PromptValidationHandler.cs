using System.Text.Json;
using Hark.Graph.Contracts;
using Hark.Graph.Errors;
using Hark.Graph.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Graph.Prompts;

/// <summary>
/// <c>POST /hark/v1/prompts/validate</c> with <c>{"mediaInfo":{"uri","resourceId"}}</c>: fetches and decodes the prompt
/// as a playPrompt would and answers its format and duration, or the precise reason it cannot play, so a bot finds
/// out before a call rather than from a prompt that fails mid-call.
/// </summary>
internal static class PromptValidationHandler
{
    // Graph documents prompts as WAV, mono, 16-bit PCM, 16 kHz; Hark plays any WAV it decodes.
    private const int GraphRate = 16000;

    public static async Task<IResult> ValidateAsync(HttpContext context)
    {
        var read = await GraphRequestReader.ReadAsync(context.Request, GraphJsonContext.Default.PromptValidationRequest, bodyRequired: true, context.RequestAborted)
            .ConfigureAwait(false);
        if (!read.Succeeded)
        {
            return GraphError.BadRequest(read.Errors);
        }

        if (read.Value!.MediaInfo?.Uri is not { Length: > 0 } uri)
        {
            return GraphError.BadRequest([new FieldError("mediaInfo.uri", "mediaInfo.uri is required: the prompt to check.")]);
        }

        var cache = context.RequestServices.GetRequiredService<PromptCache>();
        var result = new PromptValidationResult { Uri = uri };
        try
        {
            var audio = await cache.InspectAsync(uri, context.RequestAborted).ConfigureAwait(false);
            result = result with
            {
                Playable = true,
                Encoding = audio.SourceEncoding,
                Channels = audio.SourceChannels,
                SampleRate = audio.SampleRate,
                DurationSeconds = Math.Round(audio.Duration.TotalSeconds, 3),
                GraphFormat = audio.SourceEncoding == "pcm16" && audio.SourceChannels == 1 && audio.SampleRate == GraphRate,
            };
            if (audio.Samples.Length == 0)
            {
                result = result with { Playable = false, Reason = "the WAV file holds no audio (its data chunk is empty)" };
            }
        }
        catch (PromptLoadException ex)
        {
            result = result with { Playable = false, Reason = ex.Reason };
        }

        return TypedResults.Text(JsonSerializer.Serialize(result, GraphJsonContext.Default.PromptValidationResult), "application/json");
    }
}
