using Kiln.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Kiln.ServiceDefaults.Telemetry;

internal static class TelemetryExtensions
{
    /// <summary>Meters and activity sources of Kiln's own code all start with this.</summary>
    public const string KilnSourcePattern = "Kiln.*";

    /// <summary>Traces, metrics and logs for ASP.NET Core, HttpClient, runtime and MassTransit; OTLP when configured; Prometheus always.</summary>
    public static WebApplicationBuilder AddKilnTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", KilnSourcePattern)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, "MassTransit", KilnSourcePattern)
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments(HealthEndpoints.PathPrefix) &&
                    !context.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation());

        // Redaction runs before any exporter sees a log record.
        builder.Services.ConfigureOpenTelemetryLoggerProvider((services, logging) =>
            logging.AddProcessor(services.GetRequiredService<RedactingLogProcessor>()));
        builder.Services.AddSingleton<RedactingLogProcessor>();

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) otel.UseOtlpExporter();
        return builder;
    }
}
