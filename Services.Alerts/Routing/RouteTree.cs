namespace Kiln.Alerts.Routing;

/// <summary>The routing tree built from "Alerts:Route"; <see cref="Match"/> follows Alertmanager's rules.</summary>
public sealed class RouteTree
{
    // Alertmanager's defaults.
    public static readonly TimeSpan DefaultGroupWait = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultGroupInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultRepeatInterval = TimeSpan.FromHours(4);

    private readonly Node root;

    public RouteTree(AlertRouteOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Receiver)) throw new FormatException("The root route needs a receiver.");
        root = Build(options, null, "0");
    }

    /// <summary>Every receiver the tree can send to.</summary>
    public IReadOnlySet<string> Receivers => All(root).Select(n => n.Target.Receiver).ToHashSet();

    /// <summary>The routes an alert with these labels goes to: the deepest matching, siblings only after a continue.</summary>
    public IReadOnlyList<RouteTarget> Match(IReadOnlyDictionary<string, string> labels) => Match(root, labels) ?? [];

    private static List<RouteTarget>? Match(Node node, IReadOnlyDictionary<string, string> labels)
    {
        if (!node.Matchers.MatchesAll(labels)) return null;
        var all = new List<RouteTarget>();
        foreach (var child in node.Children)
        {
            var matches = Match(child, labels);
            if (matches is null) continue;
            all.AddRange(matches);
            if (!child.Continue) break;
        }
        if (all.Count == 0) all.Add(node.Target);
        return all;
    }

    private static Node Build(AlertRouteOptions options, RouteTarget? parent, string path)
    {
        var target = new RouteTarget(
            path,
            options.Receiver ?? parent?.Receiver ?? "",
            options.GroupBy ?? parent?.GroupBy ?? [],
            Positive(options.GroupWait, path) ?? parent?.GroupWait ?? DefaultGroupWait,
            Positive(options.GroupInterval, path) ?? parent?.GroupInterval ?? DefaultGroupInterval,
            Positive(options.RepeatInterval, path) ?? parent?.RepeatInterval ?? DefaultRepeatInterval);
        var matchers = options.Matchers.Select(Matcher.Parse).ToList();
        var children = options.Routes.Select((child, i) => Build(child, target, $"{path}.{i}")).ToList();
        return new Node(target, matchers, options.Continue, children);
    }

    private static TimeSpan? Positive(TimeSpan? value, string path) =>
        value is { } v && v < TimeSpan.Zero ? throw new FormatException($"Route {path} has a negative interval.") : value;

    private static IEnumerable<Node> All(Node node) => node.Children.SelectMany(All).Prepend(node);

    private sealed record Node(RouteTarget Target, IReadOnlyList<Matcher> Matchers, bool Continue, IReadOnlyList<Node> Children);
}
