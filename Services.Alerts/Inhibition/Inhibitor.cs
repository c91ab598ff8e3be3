using Kiln.Alerts.Routing;

namespace Kiln.Alerts.Inhibition;

/// <summary>Decides which alerts are inhibited by which firing alerts, as Alertmanager does.</summary>
public sealed class Inhibitor(IReadOnlyList<InhibitRuleOptions> rules)
{
    private readonly IReadOnlyList<Rule> compiled = rules.Select(r => new Rule(
        r.SourceMatchers.Select(Matcher.Parse).ToList(),
        r.TargetMatchers.Select(Matcher.Parse).ToList(),
        r.Equal)).ToList();

    /// <summary>True when an alert (labels) is muted by one of the <paramref name="firing"/> alerts (other than itself).</summary>
    public bool IsInhibited(string fingerprint, IReadOnlyDictionary<string, string> labels, IEnumerable<(string Fingerprint, IReadOnlyDictionary<string, string> Labels)> firing)
    {
        var sources = firing.Where(f => f.Fingerprint != fingerprint).ToList();
        foreach (var rule in compiled)
        {
            if (!rule.Target.MatchesAll(labels)) continue;
            // Alertmanager: an alert matching both sides of a rule does not inhibit itself or its peers.
            if (sources.Any(s => rule.Source.MatchesAll(s.Labels) && !rule.Target.MatchesAll(s.Labels) && SameValues(rule.Equal, s.Labels, labels)))
                return true;
        }
        return false;
    }

    private static bool SameValues(IEnumerable<string> names, IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        names.All(n => (a.TryGetValue(n, out var x) ? x : "") == (b.TryGetValue(n, out var y) ? y : ""));

    private sealed record Rule(IReadOnlyList<Matcher> Source, IReadOnlyList<Matcher> Target, IReadOnlyList<string> Equal);
}
