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
        var dayStart = now.AddDays(-1);
        var weekStart = now.AddDays(-7);
        // One scan of the week, counting the last day on the way.
        var uptime = (await db.HealthChecks
            .Where(c => c.CheckedAt >= weekStart)
            .GroupBy(c => c.Target)
            .Select(g => new
            {
                Target = g.Key,
                Total = g.Count(),
                Up = g.Count(c => c.Success),
                DayTotal = g.Count(c => c.CheckedAt >= dayStart),
                DayUp = g.Count(c => c.Success && c.CheckedAt >= dayStart),
            })
            .ToListAsync(cancellationToken))
            .ToDictionary(r => r.Target);
        lock (gate)
        {
            return entries.Values
                .Select(e => uptime.TryGetValue(e.Target.Name, out var u)
                    ? e.ToHealth(Ratio(u.DayUp, u.DayTotal), Ratio(u.Up, u.Total))
                    : e.ToHealth(null, null))
                .ToList();
        }
    }

    private static double? Ratio(int up, int total) => total == 0 ? null : (double)up / total;

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
