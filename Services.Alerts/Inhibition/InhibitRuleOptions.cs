namespace Kiln.Alerts.Inhibition;

/// <summary>
/// Alertmanager's inhibit rule: while an alert matching <see cref="SourceMatchers"/> fires, alerts matching
/// <see cref="TargetMatchers"/> with the same values of the <see cref="Equal"/> labels are not sent.
/// </summary>
public sealed class InhibitRuleOptions
{
    public List<string> SourceMatchers { get; set; } = [];
    public List<string> TargetMatchers { get; set; } = [];
    public List<string> Equal { get; set; } = [];

    /// <summary>A service that is down inhibits its own error-rate alerts (by alert name, or by a <c>kind</c> label).</summary>
    public static readonly IReadOnlyList<InhibitRuleOptions> Defaults =
    [
        new()
        {
            SourceMatchers = ["""alertname=~"(?i).*service.?down.*" """],
            TargetMatchers = ["""alertname=~"(?i).*error.?rate.*" """],
            Equal = ["service"],
        },
        new()
        {
            SourceMatchers = ["""alertname=~"(?i).*service.?down.*" """],
            TargetMatchers = ["""kind=~"(?i)error.?rate" """],
            Equal = ["service"],
        },
    ];
}
