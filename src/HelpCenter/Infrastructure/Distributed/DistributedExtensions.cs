using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HelpCenter.Infrastructure.Distributed;

/// <summary>What several instances share: one Redis connection, rate limits counted in it, and telemetry export.</summary>
public static class DistributedExtensions
{
    public static WebApplicationBuilder AddDistributed(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section)
            .PostConfigure<IConfiguration>((options, configuration) => options.ConnectionString = RedisOptions.Read(configuration))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<DistributedRateLimits>();
        services.AddSingleton<HelpCenterMetrics>();
        services.AddHostedService<DistributedStartupLog>();

        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);
        if (TelemetryOptions.Endpoint(builder.Configuration) is { } endpoint)
        {
            var settings = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
            var protocol = string.Equals(settings.OtlpProtocol, "http/protobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(settings.ServiceName, serviceInstanceId: Environment.MachineName))
                .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation())
                .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddMeter(HelpCenterMetrics.MeterName))
                .UseOtlpExporter(protocol, new Uri(endpoint));
        }

        return builder;
    }

    /// <summary>Says at start what holds across instances and what does not, so that an operator running several
    /// without Redis reads it in the first lines of the log.</summary>
    private sealed class DistributedStartupLog(RedisConnection redis, IConfiguration configuration, ILogger<DistributedStartupLog> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (redis.IsConfigured)
            {
                logger.LogInformation("Redis configured: rate limits, the chat flood counter and the chat backplane are shared by every instance");
            }
            else
            {
                logger.LogInformation("No Redis configured (HelpCenter:Redis:ConnectionString): rate limits and the chat flood counter are per instance (with N instances a client gets N times each limit), and chat reaches only clients of the same instance");
            }

            if (TelemetryOptions.Endpoint(configuration) is { } endpoint)
            {
                logger.LogInformation("OpenTelemetry: traces and metrics exported by OTLP to {Endpoint}", endpoint);
            }
            else
            {
                logger.LogInformation("OpenTelemetry export off (set HelpCenter:Telemetry:OtlpEndpoint or OTEL_EXPORTER_OTLP_ENDPOINT to export traces and metrics)");
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
