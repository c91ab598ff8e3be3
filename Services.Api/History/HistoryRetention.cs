using Kiln.Api.Data;
using Kiln.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kiln.Api.History;

/// <summary>Deletes history rows older than History:RetentionDays, once a day (and at start), in bounded batches.</summary>
public sealed partial class HistoryRetention(
    IServiceScopeFactory scopes, DatabaseState<ApiDbContext> database, IOptions<HistoryOptions> options, TimeProvider time,
    ILogger<HistoryRetention> logger) : BackgroundService
{
    private const int BatchSize = 10_000;
    private const int MaxBatches = 10_000;
    private static readonly TimeSpan Interval = TimeSpan.FromDays(1);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMinutes(5);

    /// <summary>Deletes rows created before <paramref name="now"/> minus the retention; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now.ToUniversalTime() - TimeSpan.FromDays(options.Value.RetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
        var total = 0;
        for (var i = 0; i < MaxBatches; i++)
        {
            // Batched so one large purge never holds a long lock or a huge transaction.
            var deleted = await db.Database.ExecuteSqlAsync($"""
                DELETE FROM api.request_history WHERE "Id" IN
                  (SELECT "Id" FROM api.request_history WHERE "CreatedAt" < {cutoff} LIMIT {BatchSize})
                """, cancellationToken);
            total += deleted;
            if (deleted < BatchSize) break;
        }
        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Nothing to purge before the schema exists; leaves the start to the migrator.
            while (!database.IsMigrated) await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Interval;
            try
            {
                var deleted = await DeleteExpiredAsync(time.GetUtcNow(), stoppingToken);
                if (deleted > 0) LogDeleted(logger, deleted, options.Value.RetentionDays);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.Message);
                wait = RetryInterval;
            }
            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "History retention: deleted {Count} rows older than {Days} days")]
    private static partial void LogDeleted(ILogger logger, int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "History retention could not run ({Reason}); retrying in 5 minutes")]
    private static partial void LogFailed(ILogger logger, string reason);
}
