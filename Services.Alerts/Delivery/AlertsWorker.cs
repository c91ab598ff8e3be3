using Kiln.Alerts.Data;
using Kiln.Alerts.Grouping;
using Kiln.ServiceDefaults.Data;
using Microsoft.Extensions.Options;

namespace Kiln.Alerts.Delivery;

/// <summary>
/// Runs on every instance: one loop flushes due groups into the outbox, another delivers due notifications,
/// so a slow receiver does not hold up the group timers.
/// </summary>
public sealed class AlertsWorker(
    IServiceScopeFactory scopes,
    DatabaseState<AlertsDbContext> database,
    ReceiverChannels channels,
    IOptions<AlertsOptions> options,
    TimeProvider time,
    ILogger<AlertsWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // With no channel, the health transition log ("receivers is Degraded") says so once; no second line here.
        var configured = channels.Describe();
        if (configured.Count > 0) logger.LogInformation("Alerts go to {Channels}", string.Join(", ", configured));

        return Task.WhenAll(
            PollAsync("Flushing alert groups", s => s.GetRequiredService<GroupFlusher>().FlushDueAsync(100, stoppingToken), stoppingToken),
            PollAsync("Delivering notifications", s => s.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(options.Value.Delivery.BatchSize, stoppingToken), stoppingToken));
    }

    private async Task PollAsync(string what, Func<IServiceProvider, Task<int>> pass, CancellationToken stoppingToken)
    {
        string? lastProblem = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (database.IsMigrated)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await pass(scope.ServiceProvider);
                    lastProblem = null;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // PostgreSQL down: the health log reports it; say it here once, not every poll.
                    var problem = e.GetBaseException().Message;
                    if (problem != lastProblem) logger.LogWarning("{What} failed, retrying: {Problem}", what, problem);
                    lastProblem = problem;
                }
            }
            await Task.Delay(options.Value.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
