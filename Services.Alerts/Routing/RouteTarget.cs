namespace Kiln.Alerts.Routing;

/// <summary>Where a matching route sends an alert, with its effective (inherited) settings.</summary>
public sealed record RouteTarget(
    string Path,
    string Receiver,
    IReadOnlyList<string> GroupBy,
    TimeSpan GroupWait,
    TimeSpan GroupInterval,
    TimeSpan RepeatInterval)
{
    public const string AllLabels = "...";

    /// <summary>The labels that name this alert's group.</summary>
    public SortedDictionary<string, string> GroupLabels(IReadOnlyDictionary<string, string> labels)
    {
        var keys = GroupBy.Contains(AllLabels) ? labels.Keys : GroupBy;
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys) result[key] = labels.TryGetValue(key, out var v) ? v : "";
        return result;
    }

    /// <summary>Identifies the group: receiver, route and group labels.</summary>
    public string GroupKey(IReadOnlyDictionary<string, string> labels) =>
        $"{Receiver}/{Path}/{{{string.Join(',', GroupLabels(labels).Select(kv => $"{kv.Key}=\"{kv.Value}\""))}}}";
}
