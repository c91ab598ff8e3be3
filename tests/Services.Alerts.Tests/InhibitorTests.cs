using Kiln.Alerts.Inhibition;

namespace Kiln.Alerts.Tests;

public sealed class InhibitorTests
{
    private static readonly Inhibitor Defaults = new(InhibitRuleOptions.Defaults);

    private static Dictionary<string, string> Labels(string name, string service, string? kind = null)
    {
        var labels = new Dictionary<string, string> { ["alertname"] = name, ["service"] = service, ["severity"] = "error" };
        if (kind is not null) labels["kind"] = kind;
        return labels;
    }

    [Fact]
    public void Service_down_inhibits_error_rate_alerts_of_the_same_service()
    {
        var firing = new[] { ("down", (IReadOnlyDictionary<string, string>)Labels("ServiceDown", "inference")) };
        Assert.True(Defaults.IsInhibited("rate", Labels("HighErrorRate", "inference"), firing));
        Assert.True(Defaults.IsInhibited("rate2", Labels("Errors5xx", "inference", kind: "error_rate"), firing));
        Assert.False(Defaults.IsInhibited("rate3", Labels("HighErrorRate", "api"), firing));
        Assert.False(Defaults.IsInhibited("lat", Labels("HighLatency", "inference"), firing));
    }

    [Fact]
    public void Nothing_is_inhibited_without_a_firing_source()
    {
        Assert.False(Defaults.IsInhibited("rate", Labels("HighErrorRate", "inference"), []));
    }

    [Fact]
    public void Configured_rules_replace_the_defaults()
    {
        var inhibitor = new Inhibitor([new InhibitRuleOptions { SourceMatchers = ["severity=\"critical\""], TargetMatchers = ["severity=\"warning\""], Equal = ["alertname"] }]);
        var critical = new Dictionary<string, string> { ["alertname"] = "Disk", ["severity"] = "critical" };
        var warning = new Dictionary<string, string> { ["alertname"] = "Disk", ["severity"] = "warning" };
        var otherWarning = new Dictionary<string, string> { ["alertname"] = "Memory", ["severity"] = "warning" };
        Assert.True(inhibitor.IsInhibited("w", warning, [("c", critical)]));
        Assert.False(inhibitor.IsInhibited("m", otherWarning, [("c", critical)]));
        Assert.False(inhibitor.IsInhibited("w", warning, [("down", Labels("ServiceDown", "x"))]));
    }
}
