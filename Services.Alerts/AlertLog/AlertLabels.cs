using Kiln.Contracts;

namespace Kiln.Alerts.AlertLog;

/// <summary>The label set matchers see: an alert's labels plus <c>alertname</c>, <c>severity</c> and <c>service</c>.</summary>
public static class AlertLabels
{
    public const string AlertName = "alertname";
    public const string Severity = "severity";
    public const string Service = "service";

    public static IReadOnlyDictionary<string, string> For(string name, Severity severity, string service, IReadOnlyDictionary<string, string> labels)
    {
        var all = new Dictionary<string, string>(labels, StringComparer.Ordinal)
        {
            [AlertName] = name,
            [Severity] = severity.ToString().ToLowerInvariant(),
            [Service] = service,
        };
        return all;
    }

    public static IReadOnlyDictionary<string, string> For(AlertRaised alert) => For(alert.Name, alert.Severity, alert.Service, alert.Labels);
}
