using Kiln.Alerts.Data;
using Kiln.Alerts.Grouping;
using Kiln.ServiceDefaults.Data;
using Microsoft.Extensions.Options;

namespace Kiln.Alerts.Delivery;

/// <summary>Each poll: flush due groups into the outbox, then deliver due notifications. Runs on every instance.</summary>
public sealed class AlertsWorker(
    IServiceScopeFactory scopes,
    DatabaseState<AlertsDbContext> database,
    ReceiverChannels channels,
    IOptions<AlertsOptions> options,
    TimeProvider time,
    ILogger<AlertsWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var configured = channels.Describe();
        if (configured.Count == 0)
            logger.LogWarning("No alert channel is configured (Alerts:Email:SmtpHost, Alerts:Slack:WebhookUrl): alerts are recorded but not sent");
        else
            logger.LogInformation("Alerts go to {Channels}", string.Join(", ", configured));

        string? lastProblem = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (database.IsMigrated)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<GroupFlusher>().FlushDueAsync(100, stoppingToken);
                    await using var deliveryScope = scopes.CreateAsyncScope();
                    await deliveryScope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(options.Value.Delivery.BatchSize, stoppingToken);
                    lastProblem = null;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // PostgreSQL down: the health log reports it; say it here once, not every poll.
                    var problem = e.GetBaseException().Message;
                    if (problem != lastProblem) logger.LogWarning("Flushing alert groups failed, retrying: {Problem}", problem);
                    lastProblem = problem;
                }
            }
            await Task.Delay(options.Value.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
