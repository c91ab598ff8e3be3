namespace Kiln.Monitoring.ErrorTracking;

/// <summary>Error figures over one window (e.g. the last 5 minutes).</summary>
public sealed record ErrorWindowStats(
    string Window,
    int Errors,
    IReadOnlyDictionary<string, int> ByService,
    IReadOnlyDictionary<string, int> ByCategory,
    IReadOnlyDictionary<string, int> BySeverity,
    int DatabaseErrors,
    int ApiRequests,
    int ApiServerErrors,
    double? ApiErrorRate,
    int RateLimited,
    int Faults,
    IReadOnlyDictionary<string, int> FaultsByMessage);

/// <summary>Error statistics over the standard windows (1 min, 5 min, 1 h), as of <see cref="At"/>.</summary>
public sealed record ErrorStatsSnapshot(DateTimeOffset At, IReadOnlyList<ErrorWindowStats> Windows);
