namespace Kiln.Monitoring.Dashboard.Live;

/// <summary>Where the dashboard reads its current picture from.</summary>
public interface IDashboardSource
{
    Task<DashboardSnapshot> GetSnapshotAsync(CancellationToken ct);
}
