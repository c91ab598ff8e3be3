using System.ComponentModel.DataAnnotations;
using Kiln.Contracts;

namespace Kiln.Monitoring.Alerting;

/// <summary>The alert rules, bound from "Monitoring:Rules"; every window is at most an hour (what the statistics keep).</summary>
public sealed class RuleOptions : IValidatableObject
{
    public const string Section = "Monitoring:Rules";

    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A firing alert is published again this often (Alerts deduplicates by fingerprint).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RepublishInterval { get; set; } = TimeSpan.FromHours(4);

    public CountRuleOptions CriticalErrors { get; set; } = new() { Threshold = 5, Window = TimeSpan.FromMinutes(1), Severity = Severity.Critical };

    public ErrorRateRuleOptions ApiErrorRate { get; set; } = new();

    public CountRuleOptions DatabaseErrors { get; set; } = new() { Threshold = 3, Window = TimeSpan.FromMinutes(1), Severity = Severity.Critical };

    public PercentileRuleOptions InferenceLatency { get; set; } = new() { ThresholdMs = 30_000 };

    public PercentileRuleOptions QueueWait { get; set; } = new() { ThresholdMs = 10_000 };

    public ServiceDownRuleOptions ServiceDown { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var nested = new (string Name, object Value)[]
        {
            (nameof(CriticalErrors), CriticalErrors), (nameof(ApiErrorRate), ApiErrorRate), (nameof(DatabaseErrors), DatabaseErrors),
            (nameof(InferenceLatency), InferenceLatency), (nameof(QueueWait), QueueWait), (nameof(ServiceDown), ServiceDown),
        };
        foreach (var (name, value) in nested)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
            foreach (var result in results)
                yield return new ValidationResult($"{name}: {result.ErrorMessage}", result.MemberNames.Select(m => $"{name}.{m}"));
        }
    }
}

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

/// <summary>Fires while a polled target is down (after the poller's consecutive-failure threshold).</summary>
public sealed class ServiceDownRuleOptions
{
    public bool Enabled { get; set; } = true;

    public Severity Severity { get; set; } = Severity.Critical;
}
