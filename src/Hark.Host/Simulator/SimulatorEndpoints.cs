using System.Text.Json;
using Hark.Calls.Simulation;
using Hark.Graph.Auth;
using Hark.Graph.Calls;
using Hark.Graph.Errors;
using Hark.Graph.Prompts;
using Hark.Graph.Validation;
using Hark.Telephony;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Hark.Host.Simulator;

/// <summary>
/// The virtual caller's API under <c>/hark/v1/simulator/calls</c>: place a scripted call to an application,
/// watch it, fetch what it heard, hang it up. An application sees only the virtual calls it placed.
/// </summary>
internal static class SimulatorEndpoints
{
    public static IEndpointRouteBuilder MapHarkSimulator(this IEndpointRouteBuilder endpoints)
    {
        var calls = endpoints.MapGroup("/hark/v1/simulator/calls").RequireGraphRole();
        calls.MapPost("", (Func<HttpContext, Task<IResult>>)CreateAsync);
        calls.MapGet("/{id}", Get);
        calls.MapGet("/{id}/heard", Heard);
        calls.MapDelete("/{id}", Delete);
        return endpoints;
    }

    /// <summary>
    /// The same API for operators under <c>/hark/v1/admin/simulator/calls</c> (the operator credential, not a bot's
    /// token): the call rings a number (<c>to</c>) or an application by client id (<c>application</c>) like any
    /// caller's call; operators see every virtual call, and theirs count together against the per-application limit.
    /// </summary>
    public static RouteGroupBuilder MapHarkOperatorSimulator(this RouteGroupBuilder admin)
    {
        var calls = admin.MapGroup("/simulator/calls");
        calls.MapPost("", (Func<HttpContext, Task<IResult>>)(context => PlaceAsync(context, OperatorOwner, operatorMayTargetApplication: true)));
        calls.MapGet("", List);
        calls.MapGet("/{id}", OperatorGet);
        calls.MapGet("/{id}/heard", OperatorHeard);
        calls.MapDelete("/{id}", OperatorDelete);
        return admin;
    }

    private static IResult OperatorGet(string id, VirtualCallRegistry registry) =>
        registry.Find(id) is { } call ? Status(call, StatusCodes.Status200OK) : NotFound(id);

    private static IResult OperatorHeard(string id, VirtualCallRegistry registry) =>
        registry.Find(id) is { } call ? TypedResults.File(call.HeardWav(), "audio/wav", $"heard-{id}.wav") : NotFound(id);

    private static IResult OperatorDelete(string id, VirtualCallRegistry registry)
    {
        if (registry.Find(id) is not { } call)
        {
            return NotFound(id);
        }

        call.HangUp("hung up by an operator");
        return TypedResults.NoContent();
    }

    /// <summary>Who owns the virtual calls operators place (one owner for all of them).</summary>
    public const string OperatorOwner = "operator";

    private static Task<IResult> CreateAsync(HttpContext context) => PlaceAsync(context, Owner(context), operatorMayTargetApplication: false);

    private static async Task<IResult> PlaceAsync(HttpContext context, string owner, bool operatorMayTargetApplication)
    {
        var services = context.RequestServices;
        var hub = services.GetRequiredService<CallHub>();
        var registry = services.GetRequiredService<VirtualCallRegistry>();
        var prompts = services.GetRequiredService<IPromptLoader>();
        var pacer = services.GetRequiredService<MediaPacer>();
        var time = services.GetRequiredService<TimeProvider>();
        var tokens = services.GetRequiredService<GraphTokenService>();
        var options = services.GetRequiredService<IOptions<SimulatorOptions>>();
        string? targetApplication = null;
        var errors = new List<string>();
        SimulatorCallRequest? request = null;
        var (document, status, failure) = await GraphRequestReader.ReadDocumentAsync(context.Request, context.RequestAborted);
        if (document is null)
        {
            return status == StatusCodes.Status400BadRequest
                ? GraphError.BadRequest("The body is not valid JSON: " + failure!.Message)
                : GraphError.ReadFailed(status, [failure!]);
        }

        using (document)
        {
            request = SimulatorRequestReader.Read(document.RootElement, errors);
            if (operatorMayTargetApplication && document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("application", out var application) && application.ValueKind == JsonValueKind.String)
            {
                targetApplication = application.GetString();
            }
        }

        if (request is not null && operatorMayTargetApplication && request.To is null && string.IsNullOrWhiteSpace(targetApplication))
        {
            return GraphError.BadRequest("Give the number to ring (\"to\") or the application's client id (\"application\").");
        }

        if (request is null)
        {
            return GraphError.BadRequest(string.Join(" ", errors));
        }

        var definitions = new List<ScriptStepDefinition?>(request.Steps.Count);
        for (var i = 0; i < request.Steps.Count; i++)
        {
            var step = request.Steps[i];
            if (step.PlayUri is { } uri)
            {
                try
                {
                    var audio = await prompts.LoadAsync(uri, null, GraphCallServices.SeamSampleRate, context.RequestAborted);
                    definitions.Add(step.Definition! with { Audio = audio });
                }
                catch (PromptLoadException ex)
                {
                    return GraphError.BadRequest($"script[{i}].play: {ex.Message}");
                }
            }
            else
            {
                definitions.Add(step.Definition);
            }
        }

        if (!ScriptParser.TryParse(definitions, out var script, out var scriptErrors))
        {
            return GraphError.BadRequest(string.Join(" ", scriptErrors));
        }

        // A bot's call without "to" rings the bot itself; an operator's rings the application it names.
        targetApplication = operatorMayTargetApplication ? targetApplication : owner;
        var limits = options.Value;
        if (registry.LiveCount(owner) >= limits.MaxCallsPerApplication)
        {
            return GraphError.Create(StatusCodes.Status429TooManyRequests, "TooManyRequests",
                $"{(operatorMayTargetApplication ? "Operators already have" : "This application already has")} {limits.MaxCallsPerApplication} live virtual calls (Hark:Simulator:MaxCallsPerApplication).");
        }

        var virtualCall = new VirtualCall(Guid.NewGuid().ToString(), script, pacer, time, owner, limits.MaxHeardSeconds);
        var offer = new IncomingCallOffer(request.From, request.To ?? targetApplication!, tokens.IssuerFor(context.Request), request.To is null ? targetApplication : null);
        registry.Add(virtualCall);
        if (hub.Offer(offer, virtualCall, out var refusal) is not { } call)
        {
            registry.Remove(virtualCall.Id);
            if (refusal == OfferRefusal.ApplicationAtCapacity)
            {
                return GraphError.Create(StatusCodes.Status429TooManyRequests, "TooManyRequests",
                    "The application has as many live calls as it may (Hark:Calls:MaxConcurrentPerApplication).");
            }

            return GraphError.NotFound($"No application takes calls to '{request.To}'; list it in Hark:Applications:N:Numbers (or use *).");
        }

        virtualCall.CallId = call.Info.Id;
        context.Response.Headers.Location = (operatorMayTargetApplication ? "/hark/v1/admin/simulator/calls/" : "/hark/v1/simulator/calls/") + virtualCall.Id;
        return Status(virtualCall, StatusCodes.Status201Created);
    }

    private static IResult Get(string id, HttpContext context, VirtualCallRegistry registry) =>
        registry.Find(id, Owner(context)) is { } call ? Status(call, StatusCodes.Status200OK) : NotFound(id);

    private static IResult Heard(string id, HttpContext context, VirtualCallRegistry registry) =>
        registry.Find(id, Owner(context)) is { } call ? TypedResults.File(call.HeardWav(), "audio/wav", $"heard-{id}.wav") : NotFound(id);

    private static IResult Delete(string id, HttpContext context, VirtualCallRegistry registry)
    {
        if (registry.Find(id, Owner(context)) is not { } call)
        {
            return NotFound(id);
        }

        call.HangUp();
        return TypedResults.NoContent();
    }

    // The route group requires a valid token, so the application is always there.
    private static string Owner(HttpContext context) => context.GetGraphApplication()!.ClientId;

    private static GraphErrorResult NotFound(string id) => GraphError.NotFound($"There is no virtual call '{id}'.");

    private static Utf8ContentHttpResult List(VirtualCallRegistry registry)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("value");
            foreach (var call in registry.All.OrderByDescending(c => c.CreatedAt))
            {
                call.WriteStatus(json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return TypedResults.Text(buffer.ToArray(), "application/json", StatusCodes.Status200OK);
    }

    private static Utf8ContentHttpResult Status(VirtualCall call, int statusCode)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            call.WriteStatus(json);
        }

        return TypedResults.Text(buffer.ToArray(), "application/json", statusCode);
    }
}
