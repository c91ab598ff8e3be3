using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kiln.ServiceDefaults.Data;

/// <summary>Ready once the schema is migrated and PostgreSQL answers.</summary>
internal sealed class DatabaseHealthCheck<TContext>(TContext db, DatabaseState<TContext> state, DatabaseTarget<TContext> target) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (state.Problem is { } problem) return HealthCheckResult.Unhealthy(problem);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            return await db.Database.CanConnectAsync(timeout.Token)
                ? HealthCheckResult.Healthy($"PostgreSQL at {target.Location}, schema {target.Schema}.")
                : HealthCheckResult.Unhealthy($"PostgreSQL at {target.Location} refused the connection.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL at {target.Location} did not answer within 3 s.");
        }
    }
}
