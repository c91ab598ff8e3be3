namespace Kiln.Alerts.Delivery;

/// <summary>Sends a notification over one channel; throws when the receiver did not take it.</summary>
public interface IChannelSender
{
    string Channel { get; }

    Task SendAsync(Notification notification, NotificationContent content, CancellationToken ct);
}
