using System.Globalization;
using System.Text;

namespace Kiln.Alerts.Delivery;

/// <summary>The plain-text body of an alert email.</summary>
public static class EmailBody
{
    public static string Render(NotificationContent content)
    {
        var text = new StringBuilder();
        text.AppendLine(content.Title()).AppendLine();
        foreach (var alert in content.Alerts)
        {
            var state = alert.EndsAt is { } ended ? $"RESOLVED at {Format(ended)}" : "FIRING";
            text.AppendLine(CultureInfo.InvariantCulture, $"{alert.Name} [{alert.Severity}] - {state}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  Summary: {alert.Summary}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  Service: {alert.Service}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  Started: {Format(alert.StartsAt)}");
            foreach (var (key, value) in alert.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
                text.AppendLine(CultureInfo.InvariantCulture, $"  {key}: {value}");
            foreach (var link in alert.Links) text.AppendLine(CultureInfo.InvariantCulture, $"  {link.Title}: {link.Url}");
            text.AppendLine();
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"Receiver: {content.Receiver}");
        return text.ToString();
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
