using Microsoft.Extensions.Options;

namespace Kiln.Alerts.Delivery;

/// <summary>The channels each receiver really has, from its options and the configured email/Slack settings.</summary>
public sealed class ReceiverChannels(IOptions<AlertsOptions> options)
{
    public const string Email = "email";
    public const string Slack = "slack";

    private AlertsOptions Options => options.Value;

    public IEnumerable<string> ReceiverNames => Options.EffectiveReceivers.Keys;

    public ReceiverOptions? Receiver(string name) => Options.EffectiveReceivers.GetValueOrDefault(name);

    /// <summary>(channel, recipient) pairs for a receiver; the Slack recipient is the webhook's host, never its URL.</summary>
    public IEnumerable<(string Channel, string Recipient)> For(string receiverName)
    {
        if (Receiver(receiverName) is not { } receiver) yield break;
        var to = EmailOptions.SplitAddresses(receiver.EmailTo ?? Options.Email.To);
        if (receiver.Email && Options.Email.IsConfigured && to.Count > 0) yield return (Email, string.Join(", ", to));
        if (receiver.Slack && WebhookFor(receiverName) is { } url) yield return (Slack, url.Host);
    }

    public Uri? WebhookFor(string receiverName) => Receiver(receiverName) is { Slack: true } r ? r.SlackWebhookUrl ?? Options.Slack.Webhook : null;

    /// <summary>Every channel of every receiver, e.g. "default/email"; empty when nothing is configured.</summary>
    public IReadOnlyList<string> Describe() =>
        ReceiverNames.SelectMany(r => For(r).Select(c => $"{r}/{c.Channel}")).ToList();
}
