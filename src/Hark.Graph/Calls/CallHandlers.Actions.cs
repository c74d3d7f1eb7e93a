using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Graph.Auth;
using Hark.Graph.Contracts;
using Hark.Graph.Errors;
using Hark.Graph.Validation;
using Hark.Media.Dtmf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Calls;

internal static partial class CallHandlers
{
    private static readonly string[] AnswerRoles = [GraphRoles.JoinGroupCallAll, GraphRoles.JoinGroupCallAsGuestAll, GraphRoles.InitiateAll, GraphRoles.AccessMediaAll];
    private static readonly string[] MediaRoles = [GraphRoles.InitiateAll, GraphRoles.AccessMediaAll];
    private static readonly string[] RecordRoles = [GraphRoles.AccessMediaAll];
    private static readonly string[] RecordingStatusRoles = [GraphRoles.JoinGroupCallAll, GraphRoles.AccessMediaAll];
    private static readonly string[] ForwardRoles = [GraphRoles.InitiateAll];

    private static async Task<IResult> AnswerAsync(string callId, HttpContext context)
    {
        var (body, failure) = await ReadAsync(context, GraphJsonContext.Default.AnswerRequest, AnswerRoles, AnswerRequestValidator.Validate).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (FindLiveCall(context, callId) is not { } call)
        {
            return GraphError.CallNotFound();
        }

        var preFetch = (body!.MediaConfig?.PreFetchMedia ?? [])
            .Where(m => m?.Uri is not null)
            .Select(m => (m!.Uri!, m.ResourceId))
            .ToList();
        var error = await call.AnswerAsync(body.CallbackUri, BaseUrl(context), preFetch).ConfigureAwait(false);
        return error == CallCommandError.None ? TypedResults.Accepted((string?)null) : CommandFailed(error, "be answered");
    }

    private static async Task<IResult> RejectAsync(string callId, HttpContext context)
    {
        var (body, failure) = await ReadAsync(context, GraphJsonContext.Default.RejectRequest, AnswerRoles, RejectRequestValidator.Validate).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (FindLiveCall(context, callId) is not { } call)
        {
            return GraphError.CallNotFound();
        }

        var reason = body!.Reason switch
        {
            RejectReason.Busy => CallRejectReason.Busy,
            RejectReason.Forbidden => CallRejectReason.Forbidden,
            _ => CallRejectReason.None,
        };
        var error = await call.RejectAsync(reason, body.CallbackUri).ConfigureAwait(false);
        return error == CallCommandError.None ? TypedResults.Accepted((string?)null) : CommandFailed(error, "be rejected (only a ringing call can be)");
    }

    // The validator has checked every target's phone.id.
    private static async Task<IResult> RedirectAsync(string callId, HttpContext context)
    {
        var (body, failure) = await ReadAsync(context, GraphJsonContext.Default.RedirectRequest, ForwardRoles, RedirectRequestValidator.Validate).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (FindLiveCall(context, callId) is not { } call)
        {
            return GraphError.CallNotFound();
        }

        var error = await call.RedirectAsync([.. body!.Targets!.Select(t => t!.Identity!.Phone!.Id!)], body.CallbackUri).ConfigureAwait(false);
        return error == CallCommandError.None ? TypedResults.Accepted((string?)null) : CommandFailed(error, "be redirected (only a ringing call can be)");
    }

    private static async Task<IResult> TransferAsync(string callId, HttpContext context)
    {
        var (body, failure) = await ReadAsync(context, GraphJsonContext.Default.TransferRequest, ForwardRoles, TransferRequestValidator.Validate).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (FindLiveCall(context, callId) is not { } call)
        {
            return GraphError.CallNotFound();
        }

        var error = await call.TransferAsync(body!.TransferTarget!.Identity!.Phone!.Id!).ConfigureAwait(false);
        return error == CallCommandError.None ? TypedResults.Accepted((string?)null) : CommandFailed(error, "be transferred (it must be established, with no other transfer under way)");
    }

    private static async Task<IResult> RecordAsync(string callId, HttpContext context)
    {
        var (body, failure) = await ReadAsync(context, GraphJsonContext.Default.RecordResponseRequest, RecordRoles, RecordResponseRequestValidator.Validate).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (FindLiveCall(context, callId) is not { } call)
        {
            return GraphError.CallNotFound();
        }

        if (RecordingDiskFull(context) is { } full)
        {
            return full;
        }

        var stopTones = new List<DtmfKey>();
        foreach (var tone in body!.StopTones ?? [])
        {
            // The validator has accepted every tone already.
            if (StopTone.TryParse(tone, out var c) && DtmfKeyExtensions.TryParse(c, out var key) && !stopTones.Contains(key))
            {
                stopTones.Add(key);
            }
        }

        var prompts = Prompts(body.Prompts);
        var request = new RecordRequest
        {
            PromptCount = prompts.Count,
            BargeInAllowed = body.BargeInAllowed ?? false,
            InitialSilenceTimeoutInSeconds = body.InitialSilenceTimeoutInSeconds ?? 5,
            MaxSilenceTimeoutInSeconds = body.MaxSilenceTimeoutInSeconds ?? 5,
            MaxRecordDurationInSeconds = body.MaxRecordDurationInSeconds ?? 5,
            PlayBeep = body.PlayBeep ?? true,
            StopTones = stopTones,
        };
        var (error, operation) = await call.RecordAsync(request, prompts, body.ClientContext).ConfigureAwait(false);
        if (error != CallCommandError.None)
        {
            return CommandFailed(error, "record (it must be established)");
        }

        // Graph's record action page answers exactly as recordResponse does: 200 + Location + the running
        // recordOperation (its later beta page shows a body-less 202, which Kiota reads as null; any 2xx with
        // the body serves a bot written against either page).
        return Operation(context, callId, operation!);
    }

    private static Task<IResult> PlayPromptAsync(string callId, HttpContext context) =>
        OperationActionAsync(
            callId, context, GraphJsonContext.Default.PlayPromptRequest, MediaRoles, PlayPromptRequestValidator.Validate, bodyRequired: true,
            (call, body) => call.PlayPromptAsync(Prompts(body.Prompts), body.ClientContext), "play a prompt (it must be established)");

    private static Task<IResult> CancelMediaProcessingAsync(string callId, HttpContext context) =>
        OperationActionAsync(
            callId, context, GraphJsonContext.Default.CancelMediaProcessingRequest, MediaRoles, CancelMediaProcessingRequestValidator.Validate, bodyRequired: false,
            (call, body) => call.CancelMediaProcessingAsync(body.ClientContext), "cancel media processing (it must be established)");

    private static Task<IResult> SubscribeToToneAsync(string callId, HttpContext context) =>
        OperationActionAsync(
            callId, context, GraphJsonContext.Default.SubscribeToToneRequest, RecordRoles, SubscribeToToneRequestValidator.Validate, bodyRequired: false,
            (call, body) => call.SubscribeToToneAsync(body.ClientContext), "subscribe to tones (it must be established)");

    private static Task<IResult> MuteAsync(string callId, HttpContext context, bool muted) =>
        OperationActionAsync(
            callId, context, GraphJsonContext.Default.MuteRequest, MediaRoles, MuteRequestValidator.Validate, bodyRequired: false,
            (call, body) => call.SetMutedAsync(muted, body.ClientContext), (muted ? "mute" : "unmute") + " (it must be established)");

    private static Task<IResult> UpdateRecordingStatusAsync(string callId, HttpContext context) =>
        OperationActionAsync(
            callId, context, GraphJsonContext.Default.UpdateRecordingStatusRequest, RecordingStatusRoles, UpdateRecordingStatusRequestValidator.Validate,
            bodyRequired: true,
            (call, body) => call.UpdateRecordingStatusAsync(body.Status!.Value, body.ClientContext), "update its recording status (it must be established)");

    // The validator has refused null tones and flash; Graph's tone enum has the RFC 4733 event order, as DtmfKey does.
    private static Task<IResult> SendDtmfTonesAsync(string callId, HttpContext context) =>
        OperationActionAsync(
            callId, context, GraphJsonContext.Default.SendDtmfTonesRequest, MediaRoles, SendDtmfTonesRequestValidator.Validate, bodyRequired: true,
            (call, body) => call.SendDtmfTonesAsync(
                [.. body.Tones!.Select(t => (DtmfKey)(int)t!.Value)], TimeSpan.FromMilliseconds(body.DelayBetweenTonesMs ?? 0), body.ClientContext),
            "send DTMF tones (it must be established)");

    /// <summary>An action answered 200 + Location + the operation: role, body, live call, then the call's command.</summary>
    private static async Task<IResult> OperationActionAsync<T>(
        string callId,
        HttpContext context,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo,
        string[] roles,
        Func<T, GraphLimitsOptions, IReadOnlyList<FieldError>> validate,
        bool bodyRequired,
        Func<GraphCall, T, Task<(CallCommandError Error, CommsOperation? Operation)>> run,
        string what)
        where T : class, new()
    {
        var (body, failure) = await ReadAsync(context, typeInfo, roles, validate, bodyRequired).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (FindLiveCall(context, callId) is not { } call)
        {
            return GraphError.CallNotFound();
        }

        var (error, operation) = await run(call, body!).ConfigureAwait(false);
        return error == CallCommandError.None ? Operation(context, callId, operation!) : CommandFailed(error, what);
    }

    // Below the floor a WAV could be cut off mid-write: better a clear refusal than a broken file.
    internal static GraphErrorResult? RecordingDiskFull(HttpContext context)
    {
        var services = context.RequestServices.GetRequiredService<GraphCallServices>();
        if (services.MinFreeRecordingBytes <= 0 || services.Recordings.AvailableBytes is not { } free || free >= services.MinFreeRecordingBytes)
        {
            return null;
        }

        GraphMetrics.LimitRefusals.Add(1, new KeyValuePair<string, object?>("limit", "recording_disk"));
        return GraphError.Create(
            StatusCodes.Status507InsufficientStorage, "insufficientStorage",
            $"Hark cannot start a recording: its recordings' disk has {free / (1024 * 1024)} MiB free, below the floor of " +
            $"{services.MinFreeRecordingBytes / (1024 * 1024)} MiB (Hark:Health:MinFreeDiskMegabytes).");
    }

    // The validator has refused null prompts and prompts without mediaInfo.
    private static List<MediaPrompt> Prompts(IReadOnlyList<MediaPrompt?>? prompts) => (prompts ?? []).Select(p => p!).ToList();

    /// <summary>Checks the role, then reads and validates the body; a failure is the Graph error to send.</summary>
    private static async Task<(T? Body, IResult? Failure)> ReadAsync<T>(
        HttpContext context,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo,
        string[] roles,
        Func<T, GraphLimitsOptions, IReadOnlyList<FieldError>> validate,
        bool bodyRequired = true)
        where T : class, new()
    {
        var (_, authFailure) = GraphRequestAuthentication.Authenticate(context, roles);
        if (authFailure is not null)
        {
            return (null, context.RequestServices.GetRequiredService<IGraphAuthErrorWriter>().Create(context, authFailure));
        }

        var read = await GraphRequestReader.ReadAsync(context.Request, typeInfo, bodyRequired, context.RequestAborted).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            return (null, GraphError.ReadFailed(read.StatusCode, read.Errors));
        }

        var limits = context.RequestServices.GetRequiredService<IOptions<GraphLimitsOptions>>().Value;
        var errors = validate(read.Value!, limits);
        return errors.Count > 0 ? (null, GraphError.BadRequest(errors)) : (read.Value, null);
    }
}
