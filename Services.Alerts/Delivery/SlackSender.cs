using System.Net.Http.Json;

namespace Kiln.Alerts.Delivery;

/// <summary>Posts the Block Kit message to the receiver's incoming webhook; anything but 2xx is a failure.</summary>
public sealed class SlackSender(IHttpClientFactory clients, ReceiverChannels channels) : IChannelSender
{
    public const string ClientName = "slack";

    public string Channel => ReceiverChannels.Slack;

    public async Task SendAsync(Notification notification, NotificationContent content, CancellationToken ct)
    {
        var url = channels.WebhookFor(notification.Receiver)
            ?? throw new InvalidOperationException($"Receiver {notification.Receiver} has no Slack webhook configured any more.");
        using var client = clients.CreateClient(ClientName);
        using var response = await client.PostAsJsonAsync(url, SlackMessage.Render(content), ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new HttpRequestException($"Slack answered {(int)response.StatusCode}: {(body.Length > 200 ? body[..200] : body)}", null, response.StatusCode);
        }
    }
}
