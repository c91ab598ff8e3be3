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
