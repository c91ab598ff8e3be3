using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Kiln.Alerts.Delivery;

/// <summary>Sends notifications over SMTP with MailKit: STARTTLS and authentication when configured.</summary>
public sealed class EmailSender(IOptions<AlertsOptions> options) : IChannelSender
{
    public string Channel => ReceiverChannels.Email;

    public async Task SendAsync(Notification notification, NotificationContent content, CancellationToken ct)
    {
        var email = options.Value.Email;
        var message = new MimeMessage { Subject = content.Title() };
        message.From.Add(MailboxAddress.Parse(email.From ?? throw new InvalidOperationException("Alerts:Email:From is not set.")));
        foreach (var to in EmailOptions.SplitAddresses(notification.Recipient)) message.To.Add(MailboxAddress.Parse(to));
        message.Headers.Add("X-Kiln-Notification", notification.Id.ToString());
        message.Body = new TextPart("plain") { Text = EmailBody.Render(content) };

        using var client = new SmtpClient { Timeout = (int)email.Timeout.TotalMilliseconds };
        await client.ConnectAsync(email.SmtpHost ?? throw new InvalidOperationException("Alerts:Email:SmtpHost is not set."), email.SmtpPort, email.EffectiveSecurity, ct);
        if (!string.IsNullOrEmpty(email.Username)) await client.AuthenticateAsync(email.Username, email.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
