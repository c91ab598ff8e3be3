using Kiln.Monitoring.ErrorTracking;
using Kiln.Monitoring.InferenceStats;

namespace Kiln.Monitoring.Dashboard.Live;

/// <summary>The current figures over one standard window (1 min, 5 min, 1 h), for the "now" table.</summary>
public sealed record WindowFigures(
    string Window,
    int ApiRequests,
    double? ErrorRatePercent,
    int RateLimitRefusals,
    int Errors,
    int Generations,
    double RequestsPerSecond,
    double TokensPerSecond,
    double? QueueWaitP50Ms,
    double? QueueWaitP95Ms)
{
    public static IReadOnlyList<WindowFigures> From(ErrorStatsSnapshot errors, InferenceStatsSnapshot inference) =>
        errors.Windows.Select(e =>
        {
            var i = inference.Windows.FirstOrDefault(w => w.Window == e.Window);
            return new WindowFigures(
                e.Window, e.ApiRequests, e.ApiErrorRate is { } rate ? Math.Round(rate * 100, 2) : null, e.RateLimited, e.Errors,
                i?.Generations ?? 0, Math.Round(i?.RequestsPerSecond ?? 0, 2), Math.Round(i?.CompletionTokensPerSecond ?? 0, 1),
                i?.QueueWaitP50Ms, i?.QueueWaitP95Ms);
        }).ToList();
}

/// <summary>The last GPU figures a worker reported; null fields where the worker has no GPU.</summary>
public sealed record GpuView(string? Name, double? UsedMb, double? TotalMb, int? UtilizationPercent, DateTimeOffset ReportedAt)
{
    private const double BytesPerMb = 1024 * 1024;

    public static GpuView? From(GpuMemoryStats? gpu) => gpu is null ? null : new(
        gpu.Name,
        gpu.MemoryUsedBytes is { } used ? Math.Round(used / BytesPerMb, 1) : null,
        gpu.MemoryTotalBytes is { } total ? Math.Round(total / BytesPerMb, 1) : null,
        gpu.UtilizationPercent, gpu.ReportedAt);
}
