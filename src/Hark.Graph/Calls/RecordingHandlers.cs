using Hark.Calls.Persistence;
using Hark.Graph.Auth;
using Hark.Graph.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Hark.Graph.Calls;

/// <summary>
/// <c>GET recordingLocation</c> with <c>Authorization: Bearer &lt;recordingAccessToken&gt;</c>: the token opens
/// that one recording until it expires. Every refusal is the same 401, so a token reveals nothing about
/// other recordings; a recording deleted by retention is 404.
/// </summary>
internal static class RecordingHandlers
{
    private const string BearerPrefix = "Bearer ";

    public static async Task<IResult> DownloadAsync(string recordingId, HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<RecordingAccessTokens>();
        var header = context.Request.Headers[HeaderNames.Authorization].ToString();
        var token = header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
        if (tokens.Validate(token, recordingId) != TokenValidationError.None)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"hark-recordings\"";
            return GraphError.Unauthorized("The recording access token is missing, invalid, expired, or for another recording.");
        }

        var store = context.RequestServices.GetRequiredService<ICallStore>();
        if (await store.GetRecordingAsync(recordingId, context.RequestAborted).ConfigureAwait(false) is null)
        {
            return GraphError.NotFound("The recording does not exist or has been deleted after its retention period.");
        }

        var stream = context.RequestServices.GetRequiredService<IRecordingStore>().OpenRead(recordingId);
        return stream is null
            ? GraphError.NotFound("The recording does not exist or has been deleted after its retention period.")
            : TypedResults.Stream(stream, "audio/wav", recordingId + ".wav");
    }
}
