namespace Kiln.Monitoring.HealthChecks;

/// <summary>One cheap check of one target; throws or returns a failure, the poller times it and bounds it.</summary>
public interface IHealthProbe : IAsyncDisposable
{
    Task CheckAsync(CancellationToken cancellationToken);
}
