namespace Kiln.Monitoring.InferenceStats;

/// <summary>
/// Inference figures over one window. Latency is prompt evaluation plus generation (the engine's time);
/// queue wait is separate. Percentiles are null when the window holds no generations.
/// </summary>
public sealed record InferenceWindowStats(
    string Window,
    int Generations,
    double RequestsPerSecond,
    long PromptTokens,
    long CompletionTokens,
    double CompletionTokensPerSecond,
    double? MeanGenerationTokensPerSecond,
    double? LatencyP50Ms,
    double? LatencyP95Ms,
    double? QueueWaitP50Ms,
    double? QueueWaitP95Ms,
    IReadOnlyDictionary<string, int> ByModel);

/// <summary>The last GPU figures reported with a generation, when the worker has a GPU.</summary>
public sealed record GpuMemoryStats(string? Name, long? MemoryUsedBytes, long? MemoryTotalBytes, int? UtilizationPercent, DateTimeOffset ReportedAt);

/// <summary>Inference statistics over the standard windows (1 min, 5 min, 1 h), as of <see cref="At"/>.</summary>
public sealed record InferenceStatsSnapshot(DateTimeOffset At, IReadOnlyList<InferenceWindowStats> Windows, GpuMemoryStats? Gpu);
