namespace HelpCenter.Infrastructure.Distributed;

/// <summary>OpenTelemetry export, bound from <c>HelpCenter:Telemetry</c>. Off unless an endpoint is configured.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "HelpCenter:Telemetry";

    /// <summary>The standard variable, honoured as well (read from configuration, so from the environment too).</summary>
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>OTLP collector address (<c>http://collector:4317</c> for gRPC, <c>http://collector:4318</c> for
    /// HTTP). Empty, and <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> unset: nothing is exported.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary><c>service.name</c> of everything exported.</summary>
    public string ServiceName { get; set; } = "helpcenter";

    /// <summary>The endpoint from configuration, the standard variable included; null when export is off.</summary>
    public static string? Endpoint(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[Section + ":" + nameof(OtlpEndpoint)] is { Length: > 0 } value ? value
            : configuration[StandardEndpointKey] is { Length: > 0 } standard ? standard
            : null;
    }
}
