using Kiln.ServiceDefaults.Admin;
using Kiln.ServiceDefaults.ErrorReporting;
using Kiln.ServiceDefaults.Health;
using Kiln.ServiceDefaults.Logging;
using Kiln.ServiceDefaults.RequestIds;
using Kiln.ServiceDefaults.Security;
using Kiln.ServiceDefaults.Shutdown;
using Kiln.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.ServiceDefaults;

/// <summary>One call per concern, shared by every Kiln service.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Logging, telemetry, health, resilience, security, error reporting and shutdown.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.AddKilnLogging();
        builder.AddKilnTelemetry();
        builder.AddErrorReporting();
        builder.AddGracefulShutdown();
        builder.AddAdminToken();
        builder.AddRequestIds();
        builder.AddSecurityHeaders();
        builder.AddDefaultHealthChecks();

        builder.Services.AddProblemDetails();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddRequestIdPropagation();
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>Maps /health, /health/ready, /health/detailed and /metrics.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
