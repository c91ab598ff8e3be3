using Kiln.Alerts.Delivery;
using Kiln.Alerts.Inhibition;
using Kiln.Alerts.Routing;

namespace Kiln.Alerts;

/// <summary>Everything bound from "Alerts": routing, inhibition, receivers and their channels, timing.</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    public AlertRouteOptions Route { get; set; } = new();

    /// <summary>When not configured: a service's "service down" alert inhibits its error-rate alerts.</summary>
    public List<InhibitRuleOptions>? InhibitRules { get; set; }

    /// <summary>Named receivers; when none are configured, one "default" receiver uses every configured channel.</summary>
    public Dictionary<string, ReceiverOptions> Receivers { get; set; } = [];

    public EmailOptions Email { get; set; } = new();
    public SlackOptions Slack { get; set; } = new();
    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>How often each instance looks for due groups and pending notifications.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<InhibitRuleOptions> EffectiveInhibitRules => InhibitRules ?? InhibitRuleOptions.Defaults;

    public IReadOnlyDictionary<string, ReceiverOptions> EffectiveReceivers =>
        Receivers.Count > 0 ? Receivers : new Dictionary<string, ReceiverOptions> { [ReceiverOptions.DefaultName] = new() };
}
