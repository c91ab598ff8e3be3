using System.Text.Json;
using Kiln.Alerts.Data;

namespace Kiln.Alerts.Delivery;

/// <summary>Adds one pending notification per channel of a receiver to the caller's unit of work.</summary>
public sealed class OutboxWriter(AlertsDbContext db, ReceiverChannels channels, ILogger<OutboxWriter> logger)
{
    public ReceiverOptions? Receiver(string name) => channels.Receiver(name);

    /// <summary>Returns the notifications added (not yet saved).</summary>
    public IReadOnlyList<Notification> Enqueue(string? groupId, string receiver, NotificationContent content, DateTimeOffset now)
    {
        var added = new List<Notification>();
        foreach (var (channel, recipient) in channels.For(receiver))
        {
            var notification = new Notification
            {
                Id = Guid.CreateVersion7(now),
                GroupId = groupId,
                Receiver = receiver,
                Channel = channel,
                Recipient = recipient,
                Status = NotificationStatus.Pending,
                Title = Truncate(content.Title(), 512),
                PayloadJson = JsonSerializer.Serialize(content),
                CreatedAt = now,
                NextAttemptAt = now,
            };
            db.Notifications.Add(notification);
            added.Add(notification);
        }
        if (added.Count == 0) logger.LogWarning("Receiver {Receiver} has no configured channel; \"{Title}\" goes nowhere", receiver, content.Title());
        return added;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
