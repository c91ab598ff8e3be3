using Kiln.Alerts.Delivery;
using Kiln.Alerts.Inhibition;
using Kiln.Alerts.Routing;
using Microsoft.Extensions.Options;

namespace Kiln.Alerts;

/// <summary>Fails the start on a routing tree, matcher, receiver or email setting that cannot work.</summary>
internal sealed class AlertsOptionsValidator : IValidateOptions<AlertsOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertsOptions options)
    {
        var errors = new List<string>();
        try
        {
            var tree = new RouteTree(options.Route);
            foreach (var missing in tree.Receivers.Where(r => !options.EffectiveReceivers.ContainsKey(r)))
                errors.Add($"Alerts:Route names receiver '{missing}', which is not under Alerts:Receivers.");
            _ = new Inhibitor(options.EffectiveInhibitRules);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            errors.Add($"Alerts:Route or Alerts:InhibitRules: {e.Message}");
        }
        var email = options.Email;
        if (email.IsConfigured)
        {
            if (string.IsNullOrWhiteSpace(email.From)) errors.Add("Alerts:Email:From is required when Alerts:Email:SmtpHost is set.");
            if (EmailOptions.SplitAddresses(email.To).Count == 0 && options.EffectiveReceivers.Values.All(r => r.EmailTo is null))
                errors.Add("Alerts:Email:To is required when Alerts:Email:SmtpHost is set.");
            if (email.SmtpPort is < 1 or > 65535) errors.Add("Alerts:Email:SmtpPort must be a TCP port.");
        }
        if (!string.IsNullOrWhiteSpace(options.Slack.WebhookUrl) && options.Slack.Webhook is not { Scheme: "https" or "http" })
            errors.Add("Alerts:Slack:WebhookUrl must be an absolute http(s) URL.");
        if (options.PollInterval <= TimeSpan.Zero) errors.Add("Alerts:PollInterval must be positive.");
        if (options.Delivery.RetryAttempts is < 0 or > 10) errors.Add("Alerts:Delivery:RetryAttempts must be 0..10.");
        if (options.Delivery.BatchSize is < 1 or > 1000) errors.Add("Alerts:Delivery:BatchSize must be 1..1000.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
