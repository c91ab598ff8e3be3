using Kiln.Alerts.Routing;

namespace Kiln.Alerts.Tests;

public sealed class RouteTreeTests
{
    private static readonly Dictionary<string, string> CriticalApi = new() { ["alertname"] = "HighErrorRate", ["severity"] = "critical", ["service"] = "api" };

    private static AlertRouteOptions Tree() => new()
    {
        Receiver = "default",
        GroupBy = ["alertname"],
        Routes =
        [
            new() { Matchers = ["severity=\"critical\""], Receiver = "pager", GroupWait = TimeSpan.FromSeconds(5), Continue = true,
                Routes = [new() { Matchers = ["service=~\"api|inference\""], Receiver = "pager-api" }] },
            new() { Matchers = ["service=\"api\""], Receiver = "api-team", GroupBy = ["..."] },
            new() { Matchers = ["service=\"api\""], Receiver = "never-reached" },
        ],
    };

    [Fact]
    public void Deepest_match_wins_and_continue_goes_on_to_the_next_sibling()
    {
        var targets = new RouteTree(Tree()).Match(CriticalApi);
        Assert.Equal(["pager-api", "api-team"], targets.Select(t => t.Receiver));
    }

    [Fact]
    public void Without_continue_the_first_matching_sibling_stops_the_search()
    {
        var labels = new Dictionary<string, string>(CriticalApi) { ["severity"] = "warning" };
        Assert.Equal(["api-team"], new RouteTree(Tree()).Match(labels).Select(t => t.Receiver));
    }

    [Fact]
    public void No_matching_child_falls_back_to_the_parent()
    {
        var labels = new Dictionary<string, string> { ["alertname"] = "Other", ["severity"] = "warning", ["service"] = "monitoring" };
        var target = Assert.Single(new RouteTree(Tree()).Match(labels));
        Assert.Equal("default", target.Receiver);
        Assert.Equal(RouteTree.DefaultGroupWait, target.GroupWait);
        Assert.Equal(TimeSpan.FromMinutes(5), target.GroupInterval);
        Assert.Equal(TimeSpan.FromHours(4), target.RepeatInterval);
    }

    [Fact]
    public void Children_inherit_unset_settings_from_their_parent()
    {
        var pagerApi = new RouteTree(Tree()).Match(CriticalApi)[0];
        Assert.Equal(TimeSpan.FromSeconds(5), pagerApi.GroupWait);
        Assert.Equal(["alertname"], pagerApi.GroupBy);
        Assert.Equal("0.0.0", pagerApi.Path);
    }

    [Fact]
    public void Group_key_uses_group_by_labels_or_all_labels()
    {
        var targets = new RouteTree(Tree()).Match(CriticalApi);
        Assert.Equal("pager-api/0.0.0/{alertname=\"HighErrorRate\"}", targets[0].GroupKey(CriticalApi));
        Assert.Equal("api-team/0.1/{alertname=\"HighErrorRate\",service=\"api\",severity=\"critical\"}", targets[1].GroupKey(CriticalApi));
    }

    [Fact]
    public void Matchers_support_negation_and_anchored_regex()
    {
        var labels = new Dictionary<string, string> { ["service"] = "api-gateway" };
        Assert.False(Matcher.Parse("service=~\"api\"").Matches(labels));
        Assert.True(Matcher.Parse("service=~\"api.*\"").Matches(labels));
        Assert.True(Matcher.Parse("service!~\"inference|monitoring\"").Matches(labels));
        Assert.False(Matcher.Parse("service!=\"api-gateway\"").Matches(labels));
        Assert.True(Matcher.Parse("team=\"\"").Matches(labels));
        Assert.Throws<FormatException>(() => Matcher.Parse("not a matcher"));
        Assert.ThrowsAny<ArgumentException>(() => Matcher.Parse("service=~\"(unclosed\""));
    }

    [Fact]
    public void Root_without_receiver_is_refused()
    {
        Assert.Throws<FormatException>(() => new RouteTree(new AlertRouteOptions()));
    }
}
