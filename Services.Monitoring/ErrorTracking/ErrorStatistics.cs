using Kiln.Contracts;
using Kiln.Monitoring.Statistics;

namespace Kiln.Monitoring.ErrorTracking;

/// <summary>In-memory sliding windows of errors, Api request outcomes and faults, stamped on arrival.</summary>
public sealed class ErrorStatistics(TimeProvider time) : IErrorStatistics
{
    private readonly SlidingWindow<ErrorOccurred> errors = new(StatisticsWindows.Retained, StatisticsWindows.MaxSamples);
    private readonly SlidingWindow<int> apiStatusCodes = new(StatisticsWindows.Retained, StatisticsWindows.MaxSamples);
    private readonly SlidingWindow<string> faults = new(StatisticsWindows.Retained, StatisticsWindows.MaxSamples);

    /// <summary>When counting began: a window reaching further back is incomplete (e.g. after a restart).</summary>
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public void Record(ErrorOccurred error) => errors.Add(time.GetUtcNow(), error);

    public void Record(ApiRequestCompleted request) => apiStatusCodes.Add(time.GetUtcNow(), request.StatusCode);

    public void RecordFault(string messageType) => faults.Add(time.GetUtcNow(), messageType);

    /// <summary>Errors that arrived within <paramref name="window"/> before now.</summary>
    public List<ErrorOccurred> Errors(TimeSpan window)
    {
        var now = time.GetUtcNow();
        return errors.Since(now - window, now);
    }

    /// <summary>Api status codes that arrived within <paramref name="window"/> before now.</summary>
    public List<int> ApiStatusCodes(TimeSpan window)
    {
        var now = time.GetUtcNow();
        return apiStatusCodes.Since(now - window, now);
    }

    public ErrorStatsSnapshot Snapshot() =>
        new(time.GetUtcNow(), StatisticsWindows.Standard.Select(w => Over(w.Length)).ToList());

    public ErrorWindowStats Over(TimeSpan window)
    {
        var now = time.GetUtcNow();
        var inWindow = errors.Since(now - window, now);
        var codes = apiStatusCodes.Since(now - window, now);
        var faulted = faults.Since(now - window, now);
        var serverErrors = codes.Count(c => c >= 500);
        return new ErrorWindowStats(
            StatisticsWindows.Describe(window),
            inWindow.Count,
            CountBy(inWindow, e => e.Service),
            CountBy(inWindow, e => e.Category.ToString()),
            CountBy(inWindow, e => e.Severity.ToString()),
            inWindow.Count(DatabaseErrors.Matches),
            codes.Count,
            serverErrors,
            codes.Count == 0 ? null : (double)serverErrors / codes.Count,
            codes.Count(c => c == 429),
            faulted.Count,
            CountBy(faulted, f => f));
    }

    private static Dictionary<string, int> CountBy<T>(IEnumerable<T> items, Func<T, string> key) =>
        items.GroupBy(key).ToDictionary(g => g.Key, g => g.Count());
}
