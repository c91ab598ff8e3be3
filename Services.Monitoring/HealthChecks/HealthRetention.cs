using Kiln.Monitoring.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kiln.Monitoring.HealthChecks;

/// <summary>Deletes stored checks, health transitions and resolved alerts older than the retention period, daily.</summary>
public sealed class HealthRetention(IServiceScopeFactory scopes, IOptions<HealthPollingOptions> options, TimeProvider time, ILogger<HealthRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionSweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Retention sweep failed, retrying at the next one: {Problem}", ex.GetBaseException().Message);
            }
        }
    }

    /// <summary>Deletes what is older than the retention period; returns the number of rows deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
        var deleted = await db.HealthChecks.Where(c => c.CheckedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.HealthTransitions.Where(t => t.ChangedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Alerts.Where(a => a.ResolvedAt != null && a.ResolvedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Retention: deleted {Rows} rows older than {Cutoff:O}", deleted, cutoff);
        return deleted;
    }
}
