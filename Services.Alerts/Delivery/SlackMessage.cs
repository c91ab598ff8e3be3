using System.Globalization;
using System.Text.Json.Nodes;
using Kiln.Contracts;

namespace Kiln.Alerts.Delivery;

/// <summary>The Block Kit message for an incoming webhook: severity, summary, service, start time and links per alert.</summary>
public static class SlackMessage
{
    // Slack refuses more than 50 blocks; three per alert plus the header and a footer stay well under.
    private const int MaxAlerts = 12;

    public static JsonObject Render(NotificationContent content)
    {
        var title = content.Title();
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = PlainText($"{Icon(content)} {Truncate(title, 140)}"),
            },
        };
        foreach (var alert in content.Alerts.Take(MaxAlerts))
        {
            var state = alert.EndsAt is { } ended ? $"resolved {Date(ended)}" : "firing";
            blocks.Add(new JsonObject
            {
                ["type"] = "section",
                ["text"] = Markdown($"*{Escape(alert.Name)}* ({state})\n{Escape(Truncate(alert.Summary, 2_500))}"),
                ["fields"] = new JsonArray
                {
                    Markdown($"*Severity*\n{alert.Severity}"),
                    Markdown($"*Service*\n{Escape(alert.Service)}"),
                    Markdown($"*Started*\n{Date(alert.StartsAt)}"),
                },
            });
            if (alert.Links.Count > 0)
            {
                blocks.Add(new JsonObject
                {
                    ["type"] = "actions",
                    ["elements"] = new JsonArray(alert.Links.Take(5).Select(l => (JsonNode)new JsonObject
                    {
                        ["type"] = "button",
                        ["text"] = PlainText(Truncate(l.Title, 75)),
                        ["url"] = l.Url.ToString(),
                    }).ToArray()),
                });
            }
            blocks.Add(new JsonObject { ["type"] = "divider" });
        }
        var more = content.Alerts.Count - MaxAlerts;
        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(Markdown(more > 0 ? $"and {more} more alert(s) · receiver {content.Receiver}" : $"receiver {content.Receiver}")),
        });
        return new JsonObject { ["text"] = title, ["blocks"] = blocks };
    }

    private static string Icon(NotificationContent content) =>
        content.Status == NotificationContent.Resolved ? ":white_check_mark:"
        : content.Alerts.Any(a => a.Severity >= Severity.Critical) ? ":rotating_light:"
        : ":warning:";

    // Slack renders <!date^...> in the reader's time zone, with the fallback text for old clients.
    private static string Date(DateTimeOffset at) =>
        $"<!date^{at.ToUnixTimeSeconds()}^{{date_short_pretty}} {{time_secs}}|{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}>";

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
