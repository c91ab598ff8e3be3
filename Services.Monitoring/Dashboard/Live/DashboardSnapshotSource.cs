using Kiln.Monitoring.Alerting;
using Kiln.Monitoring.Data;
using Kiln.Monitoring.ErrorTracking;
using Kiln.Monitoring.InferenceStats;
using Kiln.Monitoring.HealthChecks;

namespace Kiln.Monitoring.Dashboard.Live;

/// <summary>
/// Builds the snapshot from the monitoring backend: the health poller's board (targets with uptime), the
/// components services report on the bus, alerts and sampled statistics. Cached briefly, so many open pages
/// cost one round of queries. Services named in service discovery are listed even before they are polled.
/// </summary>
internal sealed class DashboardSnapshotSource(
    IHealthStatusBoard board, IAlertStateStore alerts, MetricSampler metrics, IErrorStatistics errors, IInferenceStatistics inference, IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time)
    : IDashboardSource, IDisposable
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
            var current = await alerts.SnapshotAsync(RecentAlerts, ct);
            var generations = inference.Snapshot();
            cached = new DashboardSnapshot(time.GetUtcNow(), await ServicesAsync(ct),
                current.Firing.Select(View).ToList(), current.RecentlyResolved.Select(View).ToList(), metrics.Points(),
                WindowFigures.From(errors.Snapshot(), generations), GpuView.From(generations.Gpu));
            return cached;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private async Task<IReadOnlyList<ServiceStatus>> ServicesAsync(CancellationToken ct)
    {
        var statuses = (await board.WithUptimeAsync(ct)).Select(FromBoard).ToList();
        await using (var scope = scopes.CreateAsyncScope())
            statuses.AddRange(await new ReportedHealth(scope.ServiceProvider.GetRequiredService<MonitoringDbContext>(), time).CurrentAsync(ct));
        foreach (var name in configuration.GetSection("services").GetChildren().Select(c => c.Key))
        {
            if (!statuses.Any(s => string.Equals(s.Service, name, StringComparison.OrdinalIgnoreCase)))
                statuses.Add(new ServiceStatus(name, "service", "unknown", null, null, "no health report received yet"));
        }
        return statuses.OrderBy(s => s.Service).ThenBy(s => s.Component).ToList();
    }

    private static ServiceStatus FromBoard(TargetHealth t) => new(
        t.Name, t.Kind.ToString().ToLowerInvariant(), Status(t), t.StatusSince,
        t.Uptime24h is { } u ? Math.Round(u * 100, 2) : null,
        t.LastCheckSucceeded
            ? t.LastLatencyMs is { } ms ? $"checked in {ms:0.#} ms" : null
            : $"{t.LastError} ({t.ConsecutiveFailures} failed check(s) in a row)");

    // The board debounces: a target stays Up through its first failures, which an operator should still see.
    private static string Status(TargetHealth t) =>
        !t.Checked ? "unknown"
        : t.Status == TargetStatus.Down ? "unhealthy"
        : t.LastCheckSucceeded ? "healthy"
        : "degraded";

    private static AlertView View(AlertRecord a) =>
        new(a.Fingerprint, a.Rule, a.Severity.ToString(), a.Service, a.Summary, a.RaisedAt, a.ResolvedAt);
}
