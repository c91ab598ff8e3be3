using Kiln.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Kiln.Monitoring.Alerting;

/// <summary>
/// Evaluates every rule each <see cref="RuleOptions.EvaluationInterval"/>: a new firing condition publishes
/// <see cref="AlertRaised"/> once (again only after <see cref="RuleOptions.RepublishInterval"/>), a cleared one
/// <see cref="AlertResolved"/>. The firing set lives in memory and in PostgreSQL; it is read back at start so a
/// restart neither re-raises nor forgets to resolve, and a database outage does not stop alerting.
/// </summary>
public sealed class RuleEvaluator(
    IEnumerable<IAlertRule> rules,
    AlertStateStore store,
    AlertLinks links,
    IBus bus,
    IOptions<RuleOptions> options,
    TimeProvider time,
    ILogger<RuleEvaluator> logger) : BackgroundService
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);
    private readonly Dictionary<string, AlertRecord> firing = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim evaluating = new(1, 1);
    private bool loaded;
    private bool storeFailing;
    private bool publishFailing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.EvaluationInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await EvaluateAsync(stoppingToken);
                if (publishFailing) logger.LogInformation("Alerts are being published again");
                publishFailing = false;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is OperationCanceledException or RequestTimeoutException or MassTransitException)
            {
                // Once per outage: the firing set is unchanged, so the next evaluation publishes what is owed.
                if (!publishFailing) logger.LogWarning("Alerts cannot be published, retrying every evaluation: {Problem}", ex.GetBaseException().Message);
                publishFailing = true;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Rule evaluation failed");
            }
        }
    }

    /// <summary>One evaluation of every rule at the current time.</summary>
    public async Task EvaluateAsync(CancellationToken cancellationToken)
    {
        await evaluating.WaitAsync(cancellationToken);
        try
        {
            await LoadAsync(cancellationToken);
            var now = time.GetUtcNow();
            foreach (var rule in rules)
            {
                var verdict = rule.Evaluate(now);
                foreach (var candidate in verdict.Firing) await FireAsync(candidate, now, cancellationToken);
                if (!loaded || !verdict.CanResolve) continue;
                var still = verdict.Firing.Select(c => c.Fingerprint).ToHashSet();
                var cleared = firing.Values
                    .Where(a => a.Rule == rule.Name && !still.Contains(a.Fingerprint) && verdict.Undecided?.Contains(a.Fingerprint) != true)
                    .ToList();
                foreach (var alert in cleared) await ResolveAsync(alert, now, cancellationToken);
            }
        }
        finally
        {
            evaluating.Release();
        }
    }

    private async Task FireAsync(AlertCandidate candidate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (firing.TryGetValue(candidate.Fingerprint, out var existing))
        {
            if (now - existing.LastPublishedAt < options.Value.RepublishInterval) return;
            await PublishAsync(Raised(candidate, existing.RaisedAt), cancellationToken);
            firing[candidate.Fingerprint] = existing with { LastPublishedAt = now, Summary = candidate.Summary };
            await StoreAsync(ct => store.MarkPublishedAsync(candidate.Fingerprint, now, ct), cancellationToken);
            return;
        }

        await PublishAsync(Raised(candidate, now), cancellationToken);
        logger.LogWarning("Alert raised: {Rule} for {Service}: {Summary}", candidate.Rule, candidate.Service, candidate.Summary);
        var record = new AlertRecord(candidate.Fingerprint, candidate.Rule, candidate.Service, candidate.Severity, candidate.Summary, candidate.Labels, now, now, null);
        firing[candidate.Fingerprint] = record;
        await StoreAsync(ct => store.RaiseAsync(record, ct), cancellationToken);
    }

    private async Task ResolveAsync(AlertRecord alert, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await PublishAsync(new AlertResolved(alert.Fingerprint, alert.Rule, alert.Service, now), cancellationToken);
        logger.LogInformation("Alert resolved: {Rule} for {Service}", alert.Rule, alert.Service);
        firing.Remove(alert.Fingerprint);
        await StoreAsync(ct => store.ResolveAsync(alert.Fingerprint, now, ct), cancellationToken);
    }

    private AlertRaised Raised(AlertCandidate candidate, DateTimeOffset raisedAt) =>
        new(candidate.Fingerprint, candidate.Rule, candidate.Severity, candidate.Service, candidate.Summary, candidate.Labels, raisedAt, links.For(candidate));

    private async Task PublishAsync<T>(T message, CancellationToken cancellationToken) where T : class
    {
        // A failed publish throws: the state is not changed, so the next evaluation tries again.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        await bus.Publish(message, timeout.Token);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (loaded) return;
        try
        {
            foreach (var alert in await store.FiringAsync(cancellationToken)) firing.TryAdd(alert.Fingerprint, alert);
            loaded = true;
            if (firing.Count > 0) logger.LogInformation("{Count} alerts were firing before this start; they resolve when their condition clears", firing.Count);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (!storeFailing) logger.LogWarning("The firing alerts cannot be read; raising goes on, resolving waits for the database: {Problem}", ex.GetBaseException().Message);
            storeFailing = true;
        }
    }

    private async Task StoreAsync(Func<CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            await write(cancellationToken);
            storeFailing = false;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (!storeFailing) logger.LogWarning("Alert state cannot be stored (kept in memory): {Problem}", ex.GetBaseException().Message);
            storeFailing = true;
        }
    }

    public override void Dispose()
    {
        evaluating.Dispose();
        base.Dispose();
    }
}
