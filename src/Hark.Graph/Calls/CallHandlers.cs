using System.Text.Json;
using Hark.Calls.Lifecycle;
using Hark.Calls.Persistence;
using Hark.Graph.Auth;
using Hark.Graph.Contracts;
using Hark.Graph.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Graph.Calls;

/// <summary>The call routes: read, hang up, and the POST actions, dispatched by name.</summary>
internal static partial class CallHandlers
{
    private const string Namespace = "microsoft.graph.";

    public static async Task<IResult> GetCallAsync(string callId, HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<ICallStore>();
        var stored = await store.GetCallAsync(callId, context.RequestAborted).ConfigureAwait(false);
        if (stored is not null)
        {
            // As Graph: once the call's terminated notification is out (it is saved with this row), the call is gone.
            return OwnedByCaller(context, stored.ApplicationId) && stored.EndedAt is null ? Json(stored.ResourceJson) : GraphError.CallNotFound();
        }

        // A call offered a moment ago may not have saved its first state yet.
        return FindLiveCall(context, callId) is { } live
            ? Json(JsonSerializer.Serialize(GraphResources.Call(live.Info, live.State), GraphJsonContext.Default.Call))
            : GraphError.CallNotFound();
    }

    /// <summary>Graph has no list of calls: a bot reads the calls it was told about, one by one.</summary>
    public static IResult ListCalls() => GraphError.MethodNotAllowed(
        "Listing calls is not supported: Graph has no list of calls, so neither does Hark. POST /communications/calls places a call "
        + "and GET /communications/calls/{id} reads one; a call's id arrives in its notifications' resourceUrl.",
        "POST");

    public static async Task<IResult> DeleteAsync(string callId, HttpContext context)
    {
        if (FindLiveCall(context, callId) is not { } call)
        {
            return GraphError.CallNotFound();
        }

        var error = await call.HangUpAsync().ConfigureAwait(false);
        return error == CallCommandError.None ? TypedResults.NoContent() : CommandFailed(error, "hang up");
    }

    public static async Task<IResult> GetOperationAsync(string callId, string operationId, HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<ICallStore>();
        var call = await store.GetCallAsync(callId, context.RequestAborted).ConfigureAwait(false);
        if (call is null || !OwnedByCaller(context, call.ApplicationId))
        {
            return GraphError.CallNotFound();
        }

        var op = await store.GetOperationAsync(callId, operationId, context.RequestAborted).ConfigureAwait(false);
        return op is null ? GraphError.NotFound($"Operation '{operationId}' was not found on call '{callId}'.") : Json(op.ResourceJson);
    }

    public static async Task<IResult> GetOperationsAsync(string callId, HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<ICallStore>();
        var call = await store.GetCallAsync(callId, context.RequestAborted).ConfigureAwait(false);
        if (call is null || !OwnedByCaller(context, call.ApplicationId))
        {
            return GraphError.CallNotFound();
        }

        var operations = await store.GetOperationsAsync(callId, context.RequestAborted).ConfigureAwait(false);
        var json = "{\"value\":[" + string.Join(',', operations.Select(o => o.ResourceJson)) + "]}";
        return Json(json);
    }

    public static Task<IResult> ActionAsync(string callId, string action, HttpContext context)
    {
        var name = action.StartsWith(Namespace, StringComparison.OrdinalIgnoreCase) ? action[Namespace.Length..] : action;
        return name.ToUpperInvariant() switch
        {
            "ANSWER" => AnswerAsync(callId, context),
            "REJECT" => RejectAsync(callId, context),
            "REDIRECT" => RedirectAsync(callId, context),
            "TRANSFER" => TransferAsync(callId, context),
            "KEEPALIVE" => KeepAliveAsync(callId, context),
            "RECORDRESPONSE" or "RECORD" => RecordAsync(callId, context),
            "PLAYPROMPT" => PlayPromptAsync(callId, context),
            "CANCELMEDIAPROCESSING" => CancelMediaProcessingAsync(callId, context),
            "SUBSCRIBETOTONE" => SubscribeToToneAsync(callId, context),
            "MUTE" => MuteAsync(callId, context, muted: true),
            "UNMUTE" => MuteAsync(callId, context, muted: false),
            "UPDATERECORDINGSTATUS" => UpdateRecordingStatusAsync(callId, context),
            "SENDDTMFTONES" => SendDtmfTonesAsync(callId, context),
            _ => Task.FromResult<IResult>(GraphError.BadRequest(
                $"'{action}' is not an action Hark supports on a call. Supported: answer, reject, redirect, transfer, keepAlive, playPrompt, recordResponse, record, "
                + "cancelMediaProcessing, subscribeToTone, sendDtmfTones, mute, unmute, updateRecordingStatus.")),
        };
    }

    private static async Task<IResult> KeepAliveAsync(string callId, HttpContext context)
    {
        if (FindLiveCall(context, callId) is not { } call)
        {
            return GraphError.CallNotFound();
        }

        var error = await call.KeepAliveAsync().ConfigureAwait(false);
        return error == CallCommandError.None ? TypedResults.Ok() : CommandFailed(error, "keep alive");
    }

    /// <summary>The live call, if it exists and belongs to the requesting application.</summary>
    private static GraphCall? FindLiveCall(HttpContext context, string callId) =>
        context.RequestServices.GetRequiredService<CallHub>().Find(callId) is { } call && OwnedByCaller(context, call.Info.ApplicationId)
            ? call
            : null;

    // Another application's call is reported as not found: its existence is not the caller's business.
    private static bool OwnedByCaller(HttpContext context, string applicationId) =>
        context.GetGraphApplication() is { } app && string.Equals(app.ClientId, applicationId, StringComparison.OrdinalIgnoreCase);

    private static GraphErrorResult CommandFailed(CallCommandError error, string what) => error switch
    {
        CallCommandError.CallEnded or CallCommandError.CallNotFound => GraphError.CallNotFound(),
        CallCommandError.TooManyOperations => GraphError.Create(
            StatusCodes.Status429TooManyRequests, "TooManyRequests",
            "The call already has as many media operations running or queued as it may (Hark:Graph:Limits:MaxQueuedOperationsPerCall); retry when one has finished."),
        _ => GraphError.Create(StatusCodes.Status400BadRequest, "InvalidCallState", $"The call is not in a state that allows it to {what}."),
    };

    private static ContentHttpResult Json(string json) => TypedResults.Text(json, "application/json");

    private static ContentHttpResult Operation(HttpContext context, string callId, CommsOperation operation)
    {
        context.Response.Headers.Location = $"{BaseUrl(context)}{VersionPrefix(context)}/communications/calls/{callId}/operations/{operation.Id}";
        return TypedResults.Text(JsonSerializer.Serialize(operation, operation.GetType(), GraphJsonContext.Default), "application/json");
    }

    private static string BaseUrl(HttpContext context) =>
        context.RequestServices.GetRequiredService<GraphTokenService>().IssuerFor(context.Request);

    private static string VersionPrefix(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var end = path.IndexOf('/', 1);
        return end > 0 ? path[..end] : "/v1.0";
    }
}
