namespace Kiln.Monitoring.Statistics;

/// <summary>The windows the stats endpoints report, and how long samples are kept for them.</summary>
public static class StatisticsWindows
{
    public static readonly IReadOnlyList<(string Name, TimeSpan Length)> Standard =
    [
        ("1m", TimeSpan.FromMinutes(1)),
        ("5m", TimeSpan.FromMinutes(5)),
        ("1h", TimeSpan.FromHours(1)),
    ];

    /// <summary>Long enough for the largest standard window and any rule window up to an hour.</summary>
    public static readonly TimeSpan Retained = TimeSpan.FromHours(1);

    public const int MaxSamples = 200_000;

    public static string Describe(TimeSpan window) =>
        window.TotalHours >= 1 && window.TotalHours % 1 == 0 ? $"{window.TotalHours:0}h"
        : window.TotalMinutes >= 1 && window.TotalMinutes % 1 == 0 ? $"{window.TotalMinutes:0}m"
        : $"{window.TotalSeconds:0.#}s";
}
