namespace Kiln.Monitoring.Alerting;

/// <summary>The firing set and resolved history, kept in PostgreSQL so a restart neither re-raises nor forgets.</summary>
public interface IAlertStateStore
{
    Task<IReadOnlyList<AlertRecord>> FiringAsync(CancellationToken cancellationToken);

    Task<AlertsSnapshot> SnapshotAsync(int resolvedLimit, CancellationToken cancellationToken);
}
