using Kiln.Monitoring.Alerting;
using Kiln.Monitoring.Data;
using Kiln.Monitoring.HealthChecks;
using Kiln.Monitoring.HealthHistory;
using Microsoft.EntityFrameworkCore;

namespace Kiln.Monitoring.Dashboard.Live;

/// <summary>
/// Builds the snapshot from the monitoring backend: the health poller's board (targets with uptime), the
/// components services report on the bus, alerts and sampled statistics. Cached briefly, so many open pages
/// cost one round of queries. Services named in service discovery are listed even before anything is known.
/// </summary>
internal sealed class DashboardSnapshotSource(
    IServiceScopeFactory scopes, IConfiguration configuration, MetricSampler metrics, TimeProvider time) : IDashboardSource, IDisposable
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);
    private const int RecentAlerts = 20;
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
            var (open, recent) = await AlertsAsync(scope.ServiceProvider, ct);
            cached = new DashboardSnapshot(time.GetUtcNow(), await ServicesAsync(scope.ServiceProvider, ct), open, recent,
                metrics.Points(), metrics.Available);
            return cached;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private async Task<IReadOnlyList<ServiceStatus>> ServicesAsync(IServiceProvider services, CancellationToken ct)
    {
        var statuses = new List<ServiceStatus>();
        if (services.GetService<IHealthStatusBoard>() is { } board)
            statuses.AddRange((await board.WithUptimeAsync(ct)).Select(FromBoard));
        statuses.AddRange(await new ReportedHealth(services.GetRequiredService<MonitoringDbContext>(), time).CurrentAsync(ct));
        foreach (var name in configuration.GetSection("services").GetChildren().Select(c => c.Key))
        {
            if (!statuses.Any(s => string.Equals(s.Service, name, StringComparison.OrdinalIgnoreCase)))
                statuses.Add(new ServiceStatus(name, "service", "unknown", null, null, "no health report received yet"));
        }
        return statuses.OrderBy(s => s.Service).ThenBy(s => s.Component).ToList();
    }

    private static ServiceStatus FromBoard(TargetHealth t) => new(
        t.Name, t.Kind.ToString().ToLowerInvariant(),
        !t.Checked ? "unknown" : t.Status == TargetStatus.Up ? "healthy" : "unhealthy",
        t.StatusSince,
        t.Uptime24h is { } u ? Math.Round(u * 100, 2) : null,
        t.LastError ?? (t.LastLatencyMs is { } ms ? $"checked in {ms:0.#} ms" : null));

    private static async Task<(IReadOnlyList<AlertView> Open, IReadOnlyList<AlertView> Recent)> AlertsAsync(IServiceProvider services, CancellationToken ct)
    {
        AlertsSnapshot alerts;
        if (services.GetService<IAlertStateStore>() is { } store)
        {
            alerts = await store.SnapshotAsync(RecentAlerts, ct);
        }
        else
        {
            // Until the alert store is registered, read its table directly.
            var db = services.GetRequiredService<MonitoringDbContext>();
            var firing = await db.Alerts.AsNoTracking().Where(a => a.ResolvedAt == null).OrderByDescending(a => a.RaisedAt).ToListAsync(ct);
            var resolved = await db.Alerts.AsNoTracking().Where(a => a.ResolvedAt != null).OrderByDescending(a => a.ResolvedAt).Take(RecentAlerts).ToListAsync(ct);
            alerts = new AlertsSnapshot(firing.Select(a => a.ToRecord()).ToList(), resolved.Select(a => a.ToRecord()).ToList());
        }
        return (alerts.Firing.Select(View).ToList(), alerts.RecentlyResolved.Select(View).ToList());
    }

    private static AlertView View(AlertRecord a) =>
        new(a.Fingerprint, a.Rule, a.Severity.ToString(), a.Service, a.Summary, a.RaisedAt, a.ResolvedAt);
}
