using Hark.Host.Cli;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Hark.Host.Operations;

/// <summary>OpenTelemetry: every <c>Hark.*</c> meter and activity source, ASP.NET Core and HttpClient; Prometheus and OTLP exporters.</summary>
internal static class TelemetryServiceCollectionExtensions
{
    public static void AddHarkTelemetry(this WebApplicationBuilder builder, TelemetryOptions options)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("hark", serviceVersion: HarkApp.Version))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("Hark.*").AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (options.MetricsAccess != "off")
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (options.OtlpEndpoint is not { } endpoint)
        {
            return;
        }

        var protocol = options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        telemetry
            .WithMetrics(metrics => metrics.AddOtlpExporter(o => Configure(o, endpoint, protocol, "v1/metrics")))
            .WithTracing(tracing => tracing
                .AddSource("Hark.*")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => Configure(o, endpoint, protocol, "v1/traces")));
    }

    /// <summary>Reads and checks <see cref="TelemetryOptions"/> now: the exporters are chosen while the host is built.</summary>
    public static TelemetryOptions ReadTelemetryOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.MetricsAccess is not ("loopback" or "operator" or "open" or "off"))
        {
            throw new ConfigurationKeyException("Hark:Telemetry:MetricsAccess", options.MetricsAccess, "one of loopback, operator, open, off");
        }

        if (options.OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            throw new ConfigurationKeyException("Hark:Telemetry:OtlpProtocol", options.OtlpProtocol, "one of grpc, http/protobuf");
        }

        if (!options.MetricsPath.StartsWith('/'))
        {
            throw new ConfigurationKeyException("Hark:Telemetry:MetricsPath", options.MetricsPath, "a path starting with /");
        }

        return options;
    }

    public static void MapHarkMetrics(this WebApplication app, TelemetryOptions options)
    {
        if (options.MetricsAccess == "off")
        {
            return;
        }

        // The scrape endpoint is a plain request pipeline (endpoint filters do not run on it), so access is checked before it.
        var path = new PathString(options.MetricsPath);
        app.Use(async (context, next) =>
        {
            var exempt = options.MetricsAccess == "open" || (options.MetricsAccess == "loopback" && OperatorDirectory.IsLoopback(context));
            if (context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase) && !exempt &&
                context.RequestServices.GetRequiredService<OperatorDirectory>().Authenticate(context) is null)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"hark-operator\"";
                await OperatorEndpointExtensions.Refusal().ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        app.MapPrometheusScrapingEndpoint(options.MetricsPath);
    }

    // With http/protobuf the exporter posts to the endpoint as given, so the signal's path is added here.
    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        exporter.Protocol = protocol;
        exporter.Endpoint = protocol == OtlpExportProtocol.Grpc ? endpoint : new Uri(endpoint, signalPath);
    }
}
