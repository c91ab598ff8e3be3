using Kiln.Monitoring.ErrorTracking;
using Kiln.Monitoring.InferenceStats;

namespace Kiln.Monitoring.Dashboard.Live;

/// <summary>
/// The statistics services keep sliding windows, not history: this samples their last minute every
/// <see cref="Every"/> into a ring of <see cref="Kept"/> points (one hour), which the charts draw.
/// </summary>
internal sealed class MetricSampler(IServiceProvider services, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);
    public const int Kept = 360;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const double BytesPerMb = 1024 * 1024;

    private readonly Lock gate = new();
    private readonly Queue<MetricPoint> points = new();

    /// <summary>False while the backend registers no statistics service; the page says so.</summary>
    public bool Available => services.GetService<IErrorStatistics>() is not null || services.GetService<IInferenceStatistics>() is not null;

    public IReadOnlyList<MetricPoint> Points()
    {
        lock (gate) return points.ToArray();
    }

    /// <summary>Takes one sample now; null when no statistics service is registered.</summary>
    public MetricPoint? Sample()
    {
        var errors = services.GetService<IErrorStatistics>()?.Over(Window);
        var inference = services.GetService<IInferenceStatistics>();
        if (errors is null && inference is null) return null;
        var generations = inference?.Over(Window);
        var gpu = inference?.Snapshot().Gpu;
        var point = new MetricPoint(
            time.GetUtcNow(),
            errors?.ApiErrorRate is { } rate ? Math.Round(rate * 100, 2) : null,
            generations?.RequestsPerSecond,
            generations?.CompletionTokensPerSecond,
            generations?.QueueWaitP50Ms,
            gpu?.MemoryUsedBytes is { } used ? Math.Round(used / BytesPerMb, 1) : null,
            errors?.RateLimited ?? 0);
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
