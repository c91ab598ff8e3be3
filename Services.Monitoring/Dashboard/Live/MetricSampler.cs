using Kiln.Monitoring.ErrorTracking;
using Kiln.Monitoring.InferenceStats;

namespace Kiln.Monitoring.Dashboard.Live;

/// <summary>
/// The statistics services keep sliding windows, not history: this samples their last minute every
/// <see cref="Every"/> into a ring of <see cref="Kept"/> points (one hour), which the charts draw.
/// </summary>
internal sealed class MetricSampler(IErrorStatistics errorStatistics, IInferenceStatistics inferenceStatistics, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);
    public const int Kept = 360;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const double BytesPerMb = 1024 * 1024;

    private readonly Lock gate = new();
    private readonly Queue<MetricPoint> points = new();

    public IReadOnlyList<MetricPoint> Points()
    {
        lock (gate) return points.ToArray();
    }

    /// <summary>Takes one sample now and keeps it.</summary>
    public MetricPoint Sample()
    {
        var errors = errorStatistics.Over(Window);
        var generations = inferenceStatistics.Over(Window);
        var gpu = inferenceStatistics.Gpu;
        var point = new MetricPoint(
            time.GetUtcNow(),
            errors.ApiErrorRate is { } rate ? Math.Round(rate * 100, 2) : null,
            generations.RequestsPerSecond,
            generations.CompletionTokensPerSecond,
            generations.QueueWaitP50Ms,
            gpu?.MemoryUsedBytes is { } used ? Math.Round(used / BytesPerMb, 1) : null,
            errors.RateLimited);
        lock (gate)
        {
            points.Enqueue(point);
            while (points.Count > Kept) points.Dequeue();
        }
        return point;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            Sample();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
