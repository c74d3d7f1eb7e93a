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
        calls.MapPost("", CreateAsync);
        calls.MapGet("/{id}", Get);
        calls.MapGet("/{id}/heard", Heard);
        calls.MapDelete("/{id}", Delete);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, CallHub hub, VirtualCallRegistry registry, IPromptLoader prompts, MediaPacer pacer, TimeProvider time, GraphTokenService tokens,
        IOptions<SimulatorOptions> options)
    {
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

        var application = context.GetGraphApplication()!;
        var limits = options.Value;
        if (registry.LiveCount(application.ClientId) >= limits.MaxCallsPerApplication)
        {
            return GraphError.Create(StatusCodes.Status429TooManyRequests, "TooManyRequests",
                $"This application already has {limits.MaxCallsPerApplication} live virtual calls (Hark:Simulator:MaxCallsPerApplication).");
        }

        var virtualCall = new VirtualCall(Guid.NewGuid().ToString(), script, pacer, time, application.ClientId, limits.MaxHeardSeconds);
        var offer = new IncomingCallOffer(request.From, request.To ?? application.ClientId, tokens.IssuerFor(context.Request), request.To is null ? application.ClientId : null);
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
        context.Response.Headers.Location = $"/hark/v1/simulator/calls/{virtualCall.Id}";
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
