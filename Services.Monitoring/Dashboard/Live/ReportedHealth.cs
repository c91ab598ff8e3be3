using Kiln.Monitoring.Data;
using Kiln.Monitoring.HealthHistory;
using Microsoft.EntityFrameworkCore;

namespace Kiln.Monitoring.Dashboard.Live;

/// <summary>Current state and 24 h uptime of each component the services reported on the bus (ServiceHealthChanged).</summary>
internal sealed class ReportedHealth(MonitoringDbContext db, TimeProvider time)
{
    private static readonly TimeSpan UptimeWindow = TimeSpan.FromHours(24);

    public async Task<IReadOnlyList<ServiceStatus>> CurrentAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var from = now - UptimeWindow;
        var latest = await LatestPerComponent(db.HealthTransitions.AsNoTracking()).ToListAsync(ct);
        if (latest.Count == 0) return [];
        var before = await LatestPerComponent(db.HealthTransitions.AsNoTracking().Where(t => t.ChangedAt < from)).ToListAsync(ct);
        var recent = await db.HealthTransitions.AsNoTracking()
            .Where(t => t.ChangedAt >= from).OrderBy(t => t.ChangedAt).Take(10_000).ToListAsync(ct);

        return latest.Select(t => new ServiceStatus(
            t.Service, t.Component, t.Current.ToString().ToLowerInvariant(), t.ChangedAt,
            Uptime.Percent(
                before.Where(b => Same(b, t)).Select(Point).Cast<HealthTransitionPoint?>().FirstOrDefault(),
                recent.Where(r => Same(r, t)).Select(Point).ToList(), from, now),
            t.Description)).ToList();
    }

    private static IQueryable<HealthTransition> LatestPerComponent(IQueryable<HealthTransition> transitions) =>
        transitions.GroupBy(t => new { t.Service, t.Component }).Select(g => g.OrderByDescending(t => t.ChangedAt).First());

    private static bool Same(HealthTransition a, HealthTransition b) => a.Service == b.Service && a.Component == b.Component;

    private static HealthTransitionPoint Point(HealthTransition t) => new(t.ChangedAt, t.Previous, t.Current);
}
