namespace Kiln.Monitoring.Dashboard.Live;

/// <summary>Everything the overview page shows, pushed whole to the browser on each update.</summary>
public sealed record DashboardSnapshot(
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ServiceStatus> Services,
    IReadOnlyList<AlertView> OpenAlerts,
    IReadOnlyList<AlertView> RecentAlerts,
    IReadOnlyList<MetricPoint> Series,
    IReadOnlyList<WindowFigures> Now,
    GpuView? Gpu);

/// <summary>A service or one of its dependencies; <see cref="UptimePercent"/> over the last 24 hours, null when unknown.</summary>
public sealed record ServiceStatus(string Service, string Component, string Status, DateTimeOffset? Since, double? UptimePercent, string? Description);

public sealed record AlertView(string Fingerprint, string Name, string Severity, string Service, string Summary, DateTimeOffset RaisedAt, DateTimeOffset? ResolvedAt);

/// <summary>One time bucket of the charts; null where the backend has no figure for it.</summary>
public sealed record MetricPoint(
    DateTimeOffset At,
    double? ErrorRatePercent,
    double? RequestsPerSecond,
    double? TokensPerSecond,
    double? QueueWaitMs,
    double? GpuMemoryMb,
    int RateLimitRefusals);
