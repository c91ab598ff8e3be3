using System.ComponentModel.DataAnnotations;
using Kiln.Contracts;

namespace Kiln.Monitoring.Alerting;

/// <summary>Fires when Api 5xx responses exceed <see cref="ThresholdPercent"/> of at least <see cref="MinimumRequests"/> requests.</summary>
public sealed class ErrorRateRuleOptions
{
    public bool Enabled { get; set; } = true;

    [Range(0.0, 100.0)]
    public double ThresholdPercent { get; set; } = 10;

    [Range(1, 1_000_000)]
    public int MinimumRequests { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    public Severity Severity { get; set; } = Severity.Error;
}
