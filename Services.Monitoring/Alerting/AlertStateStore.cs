using Kiln.Monitoring.Data;
using Microsoft.EntityFrameworkCore;

namespace Kiln.Monitoring.Alerting;

/// <summary>The alerts table: firing rows have no ResolvedAt; resolving keeps the row as history.</summary>
public sealed class AlertStateStore(IServiceScopeFactory scopes) : IAlertStateStore
{
    public async Task<IReadOnlyList<AlertRecord>> FiringAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
        var rows = await db.Alerts.AsNoTracking().Where(a => a.ResolvedAt == null).OrderBy(a => a.RaisedAt).ToListAsync(cancellationToken);
        return rows.Select(a => a.ToRecord()).ToList();
    }

    public async Task<AlertsSnapshot> SnapshotAsync(int resolvedLimit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
        var firing = await db.Alerts.AsNoTracking().Where(a => a.ResolvedAt == null).OrderByDescending(a => a.RaisedAt).ToListAsync(cancellationToken);
        var resolved = await db.Alerts.AsNoTracking().Where(a => a.ResolvedAt != null)
            .OrderByDescending(a => a.ResolvedAt).Take(Math.Clamp(resolvedLimit, 0, 1_000)).ToListAsync(cancellationToken);
        return new AlertsSnapshot(firing.Select(a => a.ToRecord()).ToList(), resolved.Select(a => a.ToRecord()).ToList());
    }

    public async Task RaiseAsync(AlertRecord alert, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
        if (await db.Alerts.AnyAsync(a => a.Fingerprint == alert.Fingerprint && a.ResolvedAt == null, cancellationToken)) return;
        db.Alerts.Add(new AlertEntity
        {
            Fingerprint = alert.Fingerprint,
            Rule = alert.Rule,
            Service = alert.Service,
            Severity = alert.Severity,
            Summary = alert.Summary.Length > 1_000 ? alert.Summary[..1_000] : alert.Summary,
            Labels = new Dictionary<string, string>(alert.Labels),
            RaisedAt = alert.RaisedAt,
            LastPublishedAt = alert.LastPublishedAt,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task MarkPublishedAsync(string fingerprint, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
        await db.Alerts.Where(a => a.Fingerprint == fingerprint && a.ResolvedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastPublishedAt, at), cancellationToken);
    }

    public async Task ResolveAsync(string fingerprint, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
        await db.Alerts.Where(a => a.Fingerprint == fingerprint && a.ResolvedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ResolvedAt, at), cancellationToken);
    }
}
