using System.Diagnostics;
using Kiln.Contracts;
using Kiln.Monitoring.Alerting;
using Kiln.Monitoring.Data;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Kiln.Monitoring.HealthChecks;

/// <summary>
/// Checks every target each <see cref="HealthPollingOptions.Interval"/>, feeds the board, stores the results and
/// publishes <see cref="ServiceHealthChanged"/> when a target's debounced status changes.
/// </summary>
public sealed class HealthPoller(
    HealthTargets targets,
    HealthStatusBoard board,
    RuleEvaluator evaluator,
    IBus bus,
    IServiceScopeFactory scopes,
    IOptions<HealthPollingOptions> options,
    TimeProvider time,
    ILogger<HealthPoller> logger) : BackgroundService
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);
    private const int MaxPendingChanges = 100;
    private readonly Queue<ServiceHealthChanged> pending = new();
    private readonly SemaphoreSlim polling = new(1, 1);
    private bool storeFailing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (targets.All.Count == 0)
        {
            logger.LogWarning("No health targets are configured (services:*:http:0, ConnectionStrings:*); the poller is idle");
            return;
        }
        logger.LogInformation("Polling {Targets} every {Interval}", string.Join(", ", targets.All.Select(t => t.Name)), options.Value.Interval);
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "A health poll failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Checks every target once (in parallel), then records, stores and publishes; one poll at a time.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        await polling.WaitAsync(cancellationToken);
        try
        {
            await PollAsync(cancellationToken);
        }
        finally
        {
            polling.Release();
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var results = await Task.WhenAll(targets.Probes.Select(p => CheckAsync(p.Probe, cancellationToken)));
        var changes = new List<ServiceHealthChanged>();
        for (var i = 0; i < results.Length; i++)
        {
            var target = targets.Probes[i].Target;
            if (board.Record(target, results[i], at) is { } status)
                changes.Add(Describe(target, status, results[i], at));
        }
        await StoreAsync(targets.Probes.Select((p, i) => Record(p.Target, results[i], at)), cancellationToken);
        foreach (var change in changes)
        {
            logger.LogWarning("{Target} is now {Status}: {Description}", change.Service, change.Current, change.Description);
            pending.Enqueue(change);
            while (pending.Count > MaxPendingChanges) pending.Dequeue();
        }
        await PublishPendingAsync(cancellationToken);
        // A target just went down or came back: alert now rather than at the next scheduled evaluation.
        if (changes.Count > 0) await EvaluateRulesAsync(cancellationToken);
    }

    private async Task EvaluateRulesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await evaluator.EvaluateAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug("Evaluation after a health change failed; the scheduled one retries: {Problem}", ex.GetBaseException().Message);
        }
    }

    /// <summary>Publishes transitions in order; those the broker did not take wait for the next poll.</summary>
    private async Task PublishPendingAsync(CancellationToken cancellationToken)
    {
        while (pending.TryPeek(out var change))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PublishTimeout);
            try
            {
                await bus.Publish(change, timeout.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("{Count} health changes wait for the broker: {Problem}", pending.Count, ex is OperationCanceledException ? "publish timed out" : ex.GetBaseException().Message);
                return;
            }
            pending.Dequeue();
        }
    }

    private async Task<ProbeResult> CheckAsync(IHealthProbe probe, CancellationToken cancellationToken)
    {
        // A real-time timeout: the probe does real I/O, whatever clock the service's logic runs on.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.CheckTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await probe.CheckAsync(timeout.Token);
            return ProbeResult.Ok(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var error = ex is OperationCanceledException ? $"no answer within {options.Value.CheckTimeout.TotalSeconds:0.###} s" : ex.GetBaseException().Message;
            return ProbeResult.Failed(elapsed, error.Length > 500 ? error[..500] : error);
        }
    }

    private async Task StoreAsync(IEnumerable<HealthCheckRecord> records, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
            db.HealthChecks.AddRange(records);
            await db.SaveChangesAsync(cancellationToken);
            if (storeFailing) logger.LogInformation("Health checks are being stored again");
            storeFailing = false;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Once per outage: the checks go on in memory, only their history has a gap.
            if (!storeFailing) logger.LogWarning("Health checks cannot be stored, history will have a gap: {Problem}", ex.GetBaseException().Message);
            storeFailing = true;
        }
    }

    private static HealthCheckRecord Record(HealthTarget target, ProbeResult result, DateTimeOffset at) => new()
    {
        Target = target.Name,
        Success = result.Success,
        LatencyMs = result.LatencyMs,
        Error = result.Error,
        CheckedAt = at,
    };

    private ServiceHealthChanged Describe(HealthTarget target, TargetStatus status, ProbeResult last, DateTimeOffset at) =>
        status == TargetStatus.Down
            ? new(target.Name, target.Kind.ToString().ToLowerInvariant(), HealthState.Healthy, HealthState.Unhealthy,
                $"{options.Value.FailuresBeforeDown} consecutive failed checks of {target.Location}; last: {last.Error}", at)
            : new(target.Name, target.Kind.ToString().ToLowerInvariant(), HealthState.Unhealthy, HealthState.Healthy,
                $"{options.Value.SuccessesBeforeUp} consecutive successful checks of {target.Location}", at);

    public override void Dispose()
    {
        polling.Dispose();
        base.Dispose();
    }
}
