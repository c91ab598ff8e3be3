namespace Kiln.Monitoring.HealthChecks;

/// <summary>
/// A target as the board sees it now: debounced status, the last raw check, and uptime (share of
/// successful stored checks) over 24 h and 7 d; uptime is null when there are no checks in the period.
/// </summary>
public sealed record TargetHealth(
    string Name,
    TargetKind Kind,
    string Location,
    TargetStatus Status,
    bool Checked,
    bool LastCheckSucceeded,
    double? LastLatencyMs,
    string? LastError,
    DateTimeOffset? LastCheckedAt,
    DateTimeOffset? StatusSince,
    int ConsecutiveFailures,
    double? Uptime24h,
    double? Uptime7d);
