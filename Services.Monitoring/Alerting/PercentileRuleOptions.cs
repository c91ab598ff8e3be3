using System.ComponentModel.DataAnnotations;
using Kiln.Contracts;

namespace Kiln.Monitoring.Alerting;

/// <summary>Fires when the p95 over <see cref="Window"/> of at least <see cref="MinimumSamples"/> samples exceeds <see cref="ThresholdMs"/>.</summary>
public sealed class PercentileRuleOptions
{
    public bool Enabled { get; set; } = true;

    [Range(1.0, 3_600_000.0)]
    public double ThresholdMs { get; set; }

    [Range(1, 1_000_000)]
    public int MinimumSamples { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    public Severity Severity { get; set; } = Severity.Warning;
}
