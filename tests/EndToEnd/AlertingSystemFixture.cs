using Kiln.Testing.Receivers;
using Kiln.Testing.System;

namespace Kiln.EndToEnd;

/// <summary>
/// The whole system with Alerts delivering to a local SMTP sink and a local Slack webhook receiver, and
/// Monitoring polling every second, so a stopped service pages within seconds.
/// </summary>
public sealed class AlertingSystemFixture : KilnSystemFixture
{
    private SmtpSink? smtp;
    private SlackWebhookReceiver? slack;

    public SmtpSink Smtp => smtp ?? throw new InvalidOperationException("not started");

    public SlackWebhookReceiver Slack => slack ?? throw new InvalidOperationException("not started");

    public override async Task InitializeAsync()
    {
        smtp = SmtpSink.Start();
        slack = await SlackWebhookReceiver.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (slack is not null) await slack.DisposeAsync();
        if (smtp is not null) await smtp.DisposeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => new Dictionary<string, string?>
    {
        ["Alerts:Slack:WebhookUrl"] = Slack.WebhookUrl.ToString(),
        ["Alerts:Email:SmtpHost"] = SmtpSink.Host,
        ["Alerts:Email:SmtpPort"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Alerts:Email:From"] = "kiln@localhost",
        ["Alerts:Email:To"] = "oncall@localhost",
        ["Alerts:Route:GroupWait"] = "00:00:00.200",
        ["Alerts:Route:GroupInterval"] = "00:00:01",
        ["Alerts:PollInterval"] = "00:00:00.100",
        ["Monitoring:Interval"] = "00:00:01",
        ["Monitoring:FailuresBeforeDown"] = "3",
        ["Monitoring:SuccessesBeforeUp"] = "1",
        ["Monitoring:Rules:EvaluationInterval"] = "00:00:00.500",
    };
}
