using Kiln.ServiceDefaults.Admin;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Kiln.ServiceDefaults.Health;

/// <summary>/health (liveness), /health/ready (dependencies) and /health/detailed (admin only).</summary>
public static class HealthEndpoints
{
    /// <summary>Route prefix that rate limiting and request logging leave alone.</summary>
    public const string PathPrefix = "/health";

    internal static WebApplicationBuilder AddDefaultHealthChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<ShutdownHealthCheck>("self", tags: [HealthTags.Live]);
        builder.Services.AddSingleton<IHealthCheckPublisher, HealthTransitionLogger>();
        builder.Services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.FromSeconds(2);
            o.Period = TimeSpan.FromSeconds(10);
        });
        // Every failing probe would log an error; HealthTransitionLogger logs each change once instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Critical);
        return builder;
    }

    internal static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        var statusCodes = new Dictionary<HealthStatus, int>
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        };

        app.MapHealthChecks(PathPrefix, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Live),
            ResultStatusCodes = statusCodes,
            ResponseWriter = HealthReportWriter.WriteSummary,
        }).DisableHttpMetrics();

        app.MapHealthChecks($"{PathPrefix}/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready) || check.Tags.Contains(HealthTags.Live),
            ResultStatusCodes = statusCodes,
            ResponseWriter = HealthReportWriter.WriteSummary,
        }).DisableHttpMetrics();

        // A minimal API handler rather than MapHealthChecks: endpoint filters (the admin token) only run on handlers.
        app.MapGet($"{PathPrefix}/detailed", async (HttpContext context, HealthCheckService health) =>
        {
            var report = await health.CheckHealthAsync(context.RequestAborted);
            context.Response.StatusCode = statusCodes[report.Status];
            await HealthReportWriter.WriteDetailed(context, report);
        }).RequireAdminToken().DisableHttpMetrics().ExcludeFromDescription();
        return app;
    }
}
