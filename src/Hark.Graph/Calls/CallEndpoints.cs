using Hark.Graph.Auth;
using Hark.Graph.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hark.Graph.Calls;

/// <summary>Maps the Graph calls API under <c>/v1.0</c>, <c>/beta</c> and <c>/localtest</c> (treated as beta).</summary>
public static class CallEndpoints
{
    private static readonly string[] Versions = ["/v1.0", "/beta", "/localtest"];

    public static IEndpointRouteBuilder MapHarkGraphCalls(this IEndpointRouteBuilder endpoints)
    {
        foreach (var version in Versions)
        {
            // Anything else under a Graph version answers as Graph does, with its error body rather than an empty 404.
            endpoints.MapFallback(version + "/{**path}", (string? path) => GraphError.BadRequest(
                $"Resource not found for the segment '{path}'. Hark serves the calls API under /communications/calls; see docs/api.md."));

            // /app/calls is the deprecated prefix the legacy beta record action was documented under.
            foreach (var prefix in new[] { "/communications/calls", "/app/calls" })
            {
                var calls = endpoints.MapGroup(version + prefix).RequireGraphRole();
                calls.MapPost("", (Func<HttpContext, Task<IResult>>)CallHandlers.CreateAsync);
                calls.MapGet("", CallHandlers.ListCalls);
                calls.MapGet("/{callId}", CallHandlers.GetCallAsync);
                calls.MapDelete("/{callId}", CallHandlers.DeleteAsync);
                calls.MapPost("/{callId}/{action}", CallHandlers.ActionAsync);
                calls.MapGet("/{callId}/operations", CallHandlers.GetOperationsAsync);
                calls.MapGet("/{callId}/operations/{operationId}", CallHandlers.GetOperationAsync);
                calls.MapGet("/{callId}/participants", ParticipantHandlers.List);
                calls.MapGet("/{callId}/participants/{participantId}", ParticipantHandlers.Get);
            }
        }

        endpoints.MapGet("/hark/v1/recordings/{recordingId}", RecordingHandlers.DownloadAsync);
        endpoints.MapGet("/hark/v1/calls/{callId}/notifications", NotificationLogHandlers.GetAsync).RequireGraphRole();
        return endpoints;
    }
}
