namespace Kiln.Monitoring.InferenceStats;

/// <summary>Sliding-window throughput, latency and queue wait from InferenceCompleted events.</summary>
public interface IInferenceStatistics
{
    InferenceStatsSnapshot Snapshot();

    /// <summary>The GPU figures of the latest generation that had them, if any.</summary>
    GpuMemoryStats? Gpu { get; }

    /// <summary>Figures for one window ending now.</summary>
    InferenceWindowStats Over(TimeSpan window);
}
