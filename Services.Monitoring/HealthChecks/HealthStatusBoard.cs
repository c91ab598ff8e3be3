using Kiln.Monitoring.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kiln.Monitoring.HealthChecks;

/// <summary>The debounced state and last check of every target, kept in memory by the poller.</summary>
public sealed class HealthStatusBoard(HealthTargets targets, IOptions<HealthPollingOptions> options, IServiceScopeFactory scopes, TimeProvider time)
    : IHealthStatusBoard
{
    private readonly Dictionary<string, Entry> entries = targets.All.ToDictionary(
        t => t.Name,
        t => new Entry(t, new TargetStateMachine(options.Value.FailuresBeforeDown, options.Value.SuccessesBeforeUp)));
    private readonly Lock gate = new();

    /// <summary>Records one check of <paramref name="target"/>; returns the new status when it changed.</summary>
    public TargetStatus? Record(HealthTarget target, ProbeResult result, DateTimeOffset at)
    {
        lock (gate)
        {
            var entry = entries[target.Name];
            entry.Last = result;
            entry.LastAt = at;
            return entry.Machine.Record(result.Success, at);
        }
    }

    /// <summary>Whether <paramref name="target"/> has been observed enough to say it is up or down.</summary>
    public bool IsSettled(string target)
    {
        lock (gate) return entries.TryGetValue(target, out var entry) && entry.Machine.Settled;
    }

    public IReadOnlyList<TargetHealth> Current()
    {
        lock (gate) return entries.Values.Select(e => e.ToHealth(null, null)).ToList();
    }

    public async Task<IReadOnlyList<TargetHealth>> WithUptimeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
        var day = await UptimeSinceAsync(db, now.AddDays(-1), cancellationToken);
        var week = await UptimeSinceAsync(db, now.AddDays(-7), cancellationToken);
        lock (gate)
        {
            return entries.Values
                .Select(e => e.ToHealth(day.GetValueOrDefault(e.Target.Name), week.GetValueOrDefault(e.Target.Name)))
                .ToList();
        }
    }

    private static async Task<Dictionary<string, double?>> UptimeSinceAsync(MonitoringDbContext db, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = await db.HealthChecks
            .Where(c => c.CheckedAt >= since)
            .GroupBy(c => c.Target)
            .Select(g => new { Target = g.Key, Total = g.Count(), Up = g.Count(c => c.Success) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Target, r => r.Total == 0 ? null : (double?)r.Up / r.Total);
    }

    private sealed class Entry(HealthTarget target, TargetStateMachine machine)
    {
        public HealthTarget Target { get; } = target;
        public TargetStateMachine Machine { get; } = machine;
        public ProbeResult? Last { get; set; }
        public DateTimeOffset? LastAt { get; set; }

        public TargetHealth ToHealth(double? uptime24h, double? uptime7d) => new(
            Target.Name, Target.Kind, Target.Location, Machine.Status, Last is not null, Last?.Success ?? false,
            Last?.LatencyMs, Last?.Error, LastAt, Machine.StatusSince, Machine.ConsecutiveFailures, uptime24h, uptime7d);
    }
}
