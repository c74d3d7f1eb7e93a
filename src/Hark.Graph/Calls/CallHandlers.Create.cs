using System.Text.Json;
using Hark.Graph.Auth;
using Hark.Graph.Contracts;
using Hark.Graph.Errors;
using Hark.Graph.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Graph.Calls;

internal static partial class CallHandlers
{
    private static readonly string[] CreateRoles = [GraphRoles.InitiateAll];

    /// <summary>
    /// POST …/calls: a peer-to-peer call to <c>targets[0].identity.phone.id</c> (an E.164 number through the SIP
    /// trunk, or a <c>sip:</c> URI dialled directly). 201 with the call establishing; the outcome arrives as
    /// notifications (established, or terminated with the dial failure's resultInfo).
    /// </summary>
    public static async Task<IResult> CreateAsync(HttpContext context)
    {
        var (body, failure) = await ReadAsync(context, GraphJsonContext.Default.CreateCallRequest, CreateRoles, CreateCallRequestValidator.Validate).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (body!.Targets![0]!.Identity!.Phone?.Id is not { Length: > 0 } target)
        {
            return GraphError.BadRequest(
                [new FieldError("targets[0].identity.phone", "Hark places calls to phones: set targets[0].identity.phone.id to an E.164 number or a sip: URI.")]);
        }

        var dialer = context.RequestServices.GetService<IOutboundDialer>();
        if (dialer is null)
        {
            return GraphError.Create(StatusCodes.Status400BadRequest, "OutgoingCallsUnavailable", "This Hark has no way to place outgoing calls.");
        }

        if (context.RequestServices.GetService<Hark.Calls.Admission.ICallAdmission>() is { } admission && !admission.TryAdmit(out var retryAfter))
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return GraphError.Create(StatusCodes.Status503ServiceUnavailable, "serviceNotAvailable", "Hark is at its call capacity; retry after the time in Retry-After.");
        }

        var application = context.GetGraphApplication()!;
        var hub = context.RequestServices.GetRequiredService<CallHub>();
        var baseUrl = BaseUrl(context);
        Hark.Calls.Lifecycle.ICallTransport? transport = null;
        if (hub.Dial(application.ClientId, target, body.CallbackUri, body.Subject, baseUrl, () => transport = dialer.CreateTransport(target)) is not { } call)
        {
            context.Response.Headers.RetryAfter = "5";
            return GraphError.Create(
                StatusCodes.Status429TooManyRequests, "TooManyRequests",
                "This application has as many live calls as it may (Hark:Calls:MaxConcurrentPerApplication); retry after the time in Retry-After.");
        }

        if (transport is not null)
        {
            dialer.Dialled(transport, call.Info.Id);
        }

        var resource = GraphResources.Call(call.Info, Hark.Calls.Lifecycle.CallState.Establishing);
        context.Response.Headers.Location = $"{baseUrl}{VersionPrefix(context)}/communications/calls/{call.Info.Id}";
        return TypedResults.Text(JsonSerializer.Serialize(resource, GraphJsonContext.Default.Call), "application/json", statusCode: StatusCodes.Status201Created);
    }
}
