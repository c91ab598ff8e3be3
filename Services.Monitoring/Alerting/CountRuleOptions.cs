using System.ComponentModel.DataAnnotations;
using Kiln.Contracts;

namespace Kiln.Monitoring.Alerting;

/// <summary>Fires when more than <see cref="Threshold"/> matching errors arrive within <see cref="Window"/>, per service.</summary>
public sealed class CountRuleOptions
{
    public bool Enabled { get; set; } = true;

    [Range(0, 1_000_000)]
    public int Threshold { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public Severity Severity { get; set; } = Severity.Critical;
}
