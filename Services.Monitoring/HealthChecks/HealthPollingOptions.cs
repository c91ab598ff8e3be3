using System.ComponentModel.DataAnnotations;

namespace Kiln.Monitoring.HealthChecks;

/// <summary>How often targets are checked, how results are debounced and how long they are kept; bound from "Monitoring".</summary>
public sealed class HealthPollingOptions
{
    public const string Section = "Monitoring";

    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Per check; a target that does not answer in time counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Consecutive failed checks before an up target is declared down.</summary>
    [Range(1, 100)]
    public int FailuresBeforeDown { get; set; } = 3;

    /// <summary>Consecutive successful checks before a down target is declared up again.</summary>
    [Range(1, 100)]
    public int SuccessesBeforeUp { get; set; } = 2;

    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromDays(1);
}
