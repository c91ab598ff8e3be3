using Kiln.Alerts.Routing;

namespace Kiln.Alerts.Tests;

public sealed class OptionsValidationTests
{
    private static List<string> Errors(AlertsOptions options)
    {
        options.Route.Receiver ??= options.EffectiveReceivers.Keys.First();
        var result = new AlertsOptionsValidator().Validate(null, options);
        return result.Failures?.ToList() ?? [];
    }

    [Fact]
    public void Defaults_are_valid_with_no_channel_configured() => Assert.Empty(Errors(new AlertsOptions()));

    [Fact]
    public void Route_to_an_unknown_receiver_fails_the_start()
    {
        var options = new AlertsOptions { Route = new AlertRouteOptions { Routes = [new() { Matchers = ["severity=\"critical\""], Receiver = "pager" }] } };
        Assert.Contains(Errors(options), e => e.Contains("'pager'", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_matcher_fails_the_start()
    {
        var options = new AlertsOptions { Route = new AlertRouteOptions { Matchers = ["service=~\"(\""] } };
        Assert.Contains(Errors(options), e => e.Contains("Alerts:Route", StringComparison.Ordinal));
    }

    [Fact]
    public void Smtp_host_without_sender_or_recipients_fails_the_start()
    {
        var options = new AlertsOptions { Email = new() { SmtpHost = "smtp.example.com" } };
        var errors = Errors(options);
        Assert.Contains(errors, e => e.Contains("Alerts:Email:From", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Alerts:Email:To", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_webhook_url_means_slack_is_off_and_a_malformed_one_fails()
    {
        Assert.Empty(Errors(new AlertsOptions { Slack = new() { WebhookUrl = "" } }));
        Assert.NotEmpty(Errors(new AlertsOptions { Slack = new() { WebhookUrl = "not a url" } }));
    }
}
