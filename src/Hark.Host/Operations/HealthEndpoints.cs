using System.Text.Json;

namespace Hark.Host.Operations;

/// <summary>
/// <c>/healthz</c> (the process serves HTTP) and <c>/readyz</c> (it can take calls): unauthenticated, cheap,
/// 200 or 503 with a small JSON body saying which check failed.
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHarkHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => TypedResults.Text("ok\n"));
        endpoints.MapGet("/readyz", ReadyAsync);
        return endpoints;
    }

    private static async Task ReadyAsync(HttpContext context, ReadinessProbe probe, IHostApplicationLifetime lifetime)
    {
        var checks = await probe.CheckAsync(context.RequestAborted);
        var stopping = lifetime.ApplicationStopping.IsCancellationRequested;
        var ready = !stopping && checks.All(c => c.Ok);
        context.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", ready ? "ready" : stopping ? "stopping" : "not ready");
        json.WriteStartObject("checks");
        foreach (var check in checks)
        {
            json.WriteStartObject(check.Name);
            json.WriteBoolean("ok", check.Ok);
            json.WriteString("detail", check.Detail);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
