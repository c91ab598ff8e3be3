using Kiln.Monitoring.Data;
using Kiln.Monitoring.HealthHistory;
using Microsoft.EntityFrameworkCore;

namespace Kiln.Monitoring.Dashboard.Live;

/// <summary>
/// Builds the snapshot from Monitoring's own tables; cached for a second so many open pages cost one query.
/// Services named in service discovery (<c>services:NAME</c>) are listed even before they report.
/// </summary>
internal sealed class DatabaseDashboardSource(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time) : IDashboardSource, IDisposable
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan UptimeWindow = TimeSpan.FromHours(24);
    private readonly SemaphoreSlim gate = new(1, 1);
    private DashboardSnapshot? cached;

    public async Task<DashboardSnapshot> GetSnapshotAsync(CancellationToken ct)
    {
        if (cached is { } fresh && time.GetUtcNow() - fresh.GeneratedAt < CacheFor) return fresh;
        await gate.WaitAsync(ct);
        try
        {
            if (cached is { } again && time.GetUtcNow() - again.GeneratedAt < CacheFor) return again;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
            cached = new DashboardSnapshot(time.GetUtcNow(), await ServicesAsync(db, ct), [], [], []);
            return cached;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IReadOnlyList<ServiceStatus>> ServicesAsync(MonitoringDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var from = now - UptimeWindow;
        var latest = await db.HealthTransitions.AsNoTracking()
            .GroupBy(t => new { t.Service, t.Component })
            .Select(g => g.OrderByDescending(t => t.ChangedAt).First())
            .ToListAsync(ct);
        var recent = await db.HealthTransitions.AsNoTracking()
            .Where(t => t.ChangedAt >= from)
            .OrderBy(t => t.ChangedAt)
            .Take(10_000)
            .ToListAsync(ct);
        var before = await db.HealthTransitions.AsNoTracking()
            .Where(t => t.ChangedAt < from)
            .GroupBy(t => new { t.Service, t.Component })
            .Select(g => g.OrderByDescending(t => t.ChangedAt).First())
            .ToListAsync(ct);

        var statuses = latest.Select(t => new ServiceStatus(
            t.Service, t.Component, t.Current.ToString().ToLowerInvariant(), t.ChangedAt,
            Uptime.Percent(
                before.Where(b => Same(b, t)).Select(Point).Cast<HealthTransitionPoint?>().FirstOrDefault(),
                recent.Where(r => Same(r, t)).Select(Point).ToList(), from, now),
            t.Description)).ToList();

        foreach (var name in DiscoveredServices())
        {
            if (!statuses.Any(s => string.Equals(s.Service, name, StringComparison.OrdinalIgnoreCase)))
                statuses.Add(new ServiceStatus(name, "self", "unknown", null, null, "no health report received yet"));
        }
        return statuses.OrderBy(s => s.Service).ThenBy(s => s.Component).ToList();
    }

    private IEnumerable<string> DiscoveredServices() => configuration.GetSection("services").GetChildren().Select(c => c.Key);

    private static bool Same(HealthTransition a, HealthTransition b) => a.Service == b.Service && a.Component == b.Component;

    private static HealthTransitionPoint Point(HealthTransition t) => new(t.ChangedAt, t.Previous, t.Current);

    public void Dispose() => gate.Dispose();
}
