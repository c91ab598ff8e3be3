using System.Text.Json.Serialization;
using Kiln.Monitoring.Alerting;
using Kiln.Monitoring.ErrorTracking;
using Kiln.Monitoring.HealthChecks;
using Kiln.Monitoring.InferenceStats;
using Kiln.ServiceDefaults.Admin;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kiln.Monitoring.Admin;

/// <summary>JSON for operators: health, error and inference statistics, alerts; all behind the admin token.</summary>
public static class MonitoringAdminApi
{
    /// <summary>Enums as names in the JSON (an operator reads "Down", not 1).</summary>
    public static IHostApplicationBuilder AddMonitoringAdminApi(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }

    public static RouteGroupBuilder MapMonitoringAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").RequireAdminToken();
        admin.MapGet("/health", GetHealth);
        admin.MapGet("/errors/stats", (IErrorStatistics errors) => TypedResults.Ok(errors.Snapshot()));
        admin.MapGet("/alerts", GetAlerts);
        admin.MapGet("/inference/stats", (IInferenceStatistics inference) => TypedResults.Ok(inference.Snapshot()));
        return admin;
    }

    /// <summary>Falls back to the in-memory board (no uptime) when the database cannot be read.</summary>
    private static async Task<Ok<HealthResponse>> GetHealth(IHealthStatusBoard board, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(new HealthResponse(await board.WithUptimeAsync(cancellationToken), null));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Ok(new HealthResponse(board.Current(), $"Uptime unavailable: {ex.GetBaseException().Message}"));
        }
    }

    private static async Task<Results<Ok<AlertsSnapshot>, ProblemHttpResult>> GetAlerts(IAlertStateStore alerts, CancellationToken cancellationToken, int resolved = 50)
    {
        try
        {
            return TypedResults.Ok(await alerts.SnapshotAsync(resolved, cancellationToken));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Problem($"Alert state cannot be read: {ex.GetBaseException().Message}", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>The targets, and why uptime is missing when it is.</summary>
    public sealed record HealthResponse(IReadOnlyList<TargetHealth> Targets, string? Problem);
}
