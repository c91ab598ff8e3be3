using Kiln.Contracts;
using Kiln.Monitoring.Statistics;

namespace Kiln.Monitoring.InferenceStats;

/// <summary>In-memory sliding window of completed generations, stamped on arrival.</summary>
public sealed class InferenceStatistics(TimeProvider time) : IInferenceStatistics
{
    private readonly SlidingWindow<InferenceCompleted> completed = new(StatisticsWindows.Retained, StatisticsWindows.MaxSamples);
    private volatile GpuMemoryStats? gpu;

    public GpuMemoryStats? Gpu => gpu;

    /// <summary>When counting began: a window reaching further back is incomplete (e.g. after a restart).</summary>
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public void Record(InferenceCompleted generation)
    {
        var now = time.GetUtcNow();
        completed.Add(now, generation);
        if (generation.Gpu is { Available: true } figures)
            gpu = new GpuMemoryStats(figures.Name, figures.MemoryUsedBytesAfter ?? figures.MemoryUsedBytesBefore, figures.MemoryTotalBytes, figures.UtilizationPercent, now);
    }

    /// <summary>Generations that arrived within <paramref name="window"/> before now.</summary>
    public List<InferenceCompleted> Completed(TimeSpan window)
    {
        var now = time.GetUtcNow();
        return completed.Since(now - window, now);
    }

    /// <summary>The engine's time for one generation: prompt evaluation plus token generation.</summary>
    public static double LatencyMs(InferenceCompleted generation) => generation.Timings.PromptEvalMs + generation.Timings.GenerationMs;

    public InferenceStatsSnapshot Snapshot() =>
        new(time.GetUtcNow(), StatisticsWindows.Standard.Select(w => Over(w.Length)).ToList(), gpu);

    public InferenceWindowStats Over(TimeSpan window)
    {
        var generations = Completed(window);
        var latencies = generations.Select(LatencyMs).ToList();
        var waits = generations.Select(g => g.Timings.QueueWaitMs).ToList();
        var completion = generations.Sum(g => (long)g.Usage.CompletionTokens);
        var rates = generations.Where(g => g.Timings.GenerationTokensPerSecond > 0).Select(g => g.Timings.GenerationTokensPerSecond).ToList();
        return new InferenceWindowStats(
            StatisticsWindows.Describe(window),
            generations.Count,
            generations.Count / window.TotalSeconds,
            generations.Sum(g => (long)g.Usage.PromptTokens),
            completion,
            completion / window.TotalSeconds,
            rates.Count == 0 ? null : rates.Average(),
            Percentile.Of(latencies, 50),
            Percentile.Of(latencies, 95),
            Percentile.Of(waits, 50),
            Percentile.Of(waits, 95),
            generations.GroupBy(g => g.Model).ToDictionary(g => g.Key, g => g.Count()));
    }
}
