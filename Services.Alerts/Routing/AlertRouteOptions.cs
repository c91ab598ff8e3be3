namespace Kiln.Alerts.Routing;

/// <summary>A node of the routing tree, in Alertmanager's shape; unset values are inherited from the parent.</summary>
public sealed class AlertRouteOptions
{
    public string? Receiver { get; set; }

    /// <summary>Matchers in string form (<c>severity="critical"</c>, <c>service=~"api|inference"</c>); all must match.</summary>
    public List<string> Matchers { get; set; } = [];

    /// <summary>Labels that split alerts into groups; <c>...</c> groups by all labels; empty puts all in one group.</summary>
    public List<string>? GroupBy { get; set; }

    public TimeSpan? GroupWait { get; set; }
    public TimeSpan? GroupInterval { get; set; }
    public TimeSpan? RepeatInterval { get; set; }

    /// <summary>Keep looking at later siblings after this route matched.</summary>
    public bool Continue { get; set; }

    public List<AlertRouteOptions> Routes { get; set; } = [];
}
