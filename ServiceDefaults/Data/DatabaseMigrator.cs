using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiln.ServiceDefaults.Data;

/// <summary>Applies the service's EF Core migrations at start, retrying with backoff while PostgreSQL is unreachable.</summary>
internal sealed class DatabaseMigrator<TContext>(
    IServiceScopeFactory scopes,
    DatabaseState<TContext> state,
    DatabaseTarget<TContext> target,
    TimeProvider time,
    ILogger<DatabaseMigrator<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        string? lastProblem = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                await db.Database.MigrateAsync(stoppingToken);
                state.MarkMigrated();
                logger.LogInformation("Schema {Schema} is up to date on PostgreSQL at {Database}", target.Schema, target.Location);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                var problem = $"PostgreSQL at {target.Location} is unavailable: {ex.GetBaseException().Message}";
                state.MarkFailed(problem);
                // The outage is logged once by the health transition log; here only at debug level.
                if (problem != lastProblem) logger.LogDebug("{Problem} Retrying in the background.", problem);
                lastProblem = problem;
                await Task.Delay(delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }
}
