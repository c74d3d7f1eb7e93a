using System.ComponentModel.DataAnnotations;

namespace Hark.Host.Operations;

/// <summary>Metrics and traces, bound from <c>Hark:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Hark:Telemetry";

    /// <summary>Path of the Prometheus scrape endpoint on the HTTP listener.</summary>
    [Required]
    [RegularExpression("^/.*")]
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>
    /// Who may scrape: <c>loopback</c> (loopback callers freely, others with an operator credential),
    /// <c>operator</c> (always the credential), <c>open</c> (anyone) or <c>off</c> (no endpoint).
    /// </summary>
    [AllowedValues("loopback", "operator", "open", "off")]
    public string MetricsAccess { get; set; } = "loopback";

    /// <summary>OTLP collector (e.g. <c>http://127.0.0.1:4317</c>); metrics and traces are exported there when set.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>.</summary>
    [AllowedValues("grpc", "http/protobuf")]
    public string OtlpProtocol { get; set; } = "grpc";
}
