using System.Text.Json;
using Hark.Graph.Auth;
using Hark.Graph.Contracts;
using Hark.Graph.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Graph.Calls;

/// <summary>GET …/participants and …/participants/{id}: the caller and the bot of a live call.</summary>
internal static class ParticipantHandlers
{
    public static IResult List(string callId, HttpContext context)
    {
        if (Find(context, callId) is not { } call)
        {
            return GraphError.CallNotFound();
        }

        var body = new ParticipantCollection { Value = call.Participants() };
        return TypedResults.Text(JsonSerializer.Serialize(body, GraphJsonContext.Default.ParticipantCollection), "application/json");
    }

    public static IResult Get(string callId, string participantId, HttpContext context)
    {
        if (Find(context, callId) is not { } call)
        {
            return GraphError.CallNotFound();
        }

        var participant = call.Participants().FirstOrDefault(p => string.Equals(p.Id, participantId, StringComparison.OrdinalIgnoreCase));
        return participant is null
            ? GraphError.NotFound($"Participant '{participantId}' is not in call '{callId}'.")
            : TypedResults.Text(JsonSerializer.Serialize(participant, GraphJsonContext.Default.Participant), "application/json");
    }

    // A call's participants exist while the call does; another application's call is not found, as for the call itself.
    private static GraphCall? Find(HttpContext context, string callId) =>
        context.RequestServices.GetRequiredService<CallHub>().Find(callId) is { } call
        && context.GetGraphApplication() is { } app
        && string.Equals(app.ClientId, call.Info.ApplicationId, StringComparison.OrdinalIgnoreCase)
        && call.State != Hark.Calls.Lifecycle.CallState.Terminated
            ? call
            : null;
}
