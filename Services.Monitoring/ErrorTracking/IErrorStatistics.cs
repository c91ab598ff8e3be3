namespace Kiln.Monitoring.ErrorTracking;

/// <summary>Sliding-window counts of ErrorOccurred, Api requests (5xx, 429) and MassTransit faults.</summary>
public interface IErrorStatistics
{
    ErrorStatsSnapshot Snapshot();

    /// <summary>Counts for one window ending now.</summary>
    ErrorWindowStats Over(TimeSpan window);
}
