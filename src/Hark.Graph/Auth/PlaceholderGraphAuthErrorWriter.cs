using Microsoft.AspNetCore.Http;

namespace Hark.Graph.Auth;

/// <summary>
/// Default <see cref="IGraphAuthErrorWriter"/> until the shared Graph error writer is registered in its place
/// (registration uses TryAdd, so registering the real one first wins). Writes only code and message.
/// </summary>
internal sealed class PlaceholderGraphAuthErrorWriter : IGraphAuthErrorWriter
{
    public IResult Create(HttpContext context, GraphAuthFailure failure) =>
        TypedResults.Json(
            new PlaceholderGraphError(new PlaceholderGraphErrorDetail(failure.Code, failure.Message)),
            AuthJsonContext.Default.PlaceholderGraphError,
            statusCode: failure.StatusCode);
}
