using Kiln.Contracts;

namespace Kiln.Alerts.Delivery;

/// <summary>What a notification says, stored in the outbox and rendered per channel when sent.</summary>
public sealed record NotificationContent(
    string Status,
    string Receiver,
    IReadOnlyDictionary<string, string> GroupLabels,
    IReadOnlyList<NotifiedAlert> Alerts,
    bool IsTest = false)
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";

    public IEnumerable<NotifiedAlert> FiringAlerts => Alerts.Where(a => a.EndsAt is null);
    public IEnumerable<NotifiedAlert> ResolvedAlerts => Alerts.Where(a => a.EndsAt is not null);

    /// <summary>Alertmanager's style: "[FIRING:2] HighErrorRate api", or "[RESOLVED] ...".</summary>
    public string Title()
    {
        var prefix = IsTest ? "[TEST] " : "";
        var status = Status == Firing ? $"[FIRING:{FiringAlerts.Count()}]" : "[RESOLVED]";
        var names = string.Join(", ", Alerts.Select(a => a.Name).Distinct().Take(3));
        var services = string.Join(", ", Alerts.Select(a => a.Service).Distinct().Take(3));
        return $"{prefix}{status} {names} ({services})";
    }
}

/// <summary>One alert as a notification shows it.</summary>
public sealed record NotifiedAlert(
    string Fingerprint,
    string Name,
    Severity Severity,
    string Service,
    string Summary,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    IReadOnlyList<AlertLink> Links);
