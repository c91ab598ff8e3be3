using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kiln.Contracts;

namespace Kiln.Alerts.Tests;

[Collection(AlertsSystemCollection.Name)]
public sealed class DeliveryTests(AlertsSystemFixture system)
{
    [Fact]
    public async Task Error_burst_raises_one_alert_that_arrives_by_email_and_slack_once()
    {
        await using var scenario = await AlertsScenario.CreateAsync(system);
        var alert = AlertsScenario.Alert("burst-1", "HighErrorRate", "api", Severity.Critical);
        for (var i = 0; i < 6; i++) await scenario.PublishAsync(alert with { RaisedAt = DateTimeOffset.UtcNow });

        var emails = await scenario.Smtp.WaitForMessagesAsync(1, AlertsScenario.Wait);
        var slack = await scenario.Slack.WaitForMessagesAsync(1, AlertsScenario.Wait);
        Assert.Equal((1, 1), await scenario.SettleAsync());

        var email = emails[0];
        Assert.Equal("kiln-alerts@kiln.test", email.From);
        Assert.Equal(["oncall@kiln.test", "lead@kiln.test"], email.Recipients);
        Assert.Contains("[FIRING:1] HighErrorRate", email.Subject, StringComparison.Ordinal);
        Assert.Contains("HighErrorRate on api", email.Data, StringComparison.Ordinal);

        var message = slack[0];
        Assert.Equal("/services/T0TEST/B0TEST/kilntestsecret", message.Path);
        Assert.Contains("[FIRING:1] HighErrorRate", message.Text, StringComparison.Ordinal);
        var blocks = message.Json!["blocks"]!.AsArray();
        Assert.Equal("header", blocks[0]!["type"]!.GetValue<string>());
        var section = blocks.First(b => b!["type"]!.GetValue<string>() == "section")!;
        Assert.Contains("HighErrorRate on api", section["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var fields = string.Join('\n', section["fields"]!.AsArray().Select(f => f!["text"]!.GetValue<string>()));
        Assert.Contains("*Severity*\nCritical", fields, StringComparison.Ordinal);
        Assert.Contains("*Service*\napi", fields, StringComparison.Ordinal);
        Assert.Contains("*Started*\n<!date^", fields, StringComparison.Ordinal);
        var button = blocks.First(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![0]!;
        Assert.Equal("http://127.0.0.1:5300/services/api", button["url"]!.GetValue<string>());

        using var client = scenario.Instance.CreateClient();
        var alerts = await client.GetFromJsonAsync<JsonElement>("admin/alerts");
        var firing = alerts.GetProperty("firing").EnumerateArray().Single();
        Assert.Equal("burst-1", firing.GetProperty("fingerprint").GetString());
        Assert.Equal(6, firing.GetProperty("occurrences").GetInt32());
    }

    [Fact]
    public async Task Repeat_within_repeat_interval_sends_nothing()
    {
        await using var scenario = await AlertsScenario.CreateAsync(system);
        var alert = AlertsScenario.Alert("repeat-1", "HighLatency", "inference");
        await scenario.PublishAsync(alert);
        await scenario.Smtp.WaitForMessagesAsync(1, AlertsScenario.Wait);
        await scenario.Slack.WaitForMessagesAsync(1, AlertsScenario.Wait);

        await scenario.PublishAsync(alert with { RaisedAt = DateTimeOffset.UtcNow });
        Assert.Equal((1, 1), await scenario.SettleAsync());
    }

    [Fact]
    public async Task Repeat_after_repeat_interval_sends_again()
    {
        await using var scenario = await AlertsScenario.CreateAsync(system, new Dictionary<string, string?> { ["Alerts:Route:RepeatInterval"] = "00:00:01" });
        await scenario.PublishAsync(AlertsScenario.Alert("repeat-2", "HighLatency", "inference"));
        await scenario.Smtp.WaitForMessagesAsync(1, AlertsScenario.Wait);
        var emails = await scenario.Smtp.WaitForMessagesAsync(2, AlertsScenario.Wait);
        Assert.Contains("[FIRING:1] HighLatency", emails[1].Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolved_alert_sends_the_resolved_notice()
    {
        await using var scenario = await AlertsScenario.CreateAsync(system);
        await scenario.PublishAsync(AlertsScenario.Alert("resolve-1", "ServiceDown", "inference", Severity.Critical));
        await scenario.Smtp.WaitForMessagesAsync(1, AlertsScenario.Wait);
        await scenario.Slack.WaitForMessagesAsync(1, AlertsScenario.Wait);

        await scenario.PublishAsync(new AlertResolved("resolve-1", "ServiceDown", "inference", DateTimeOffset.UtcNow));
        var emails = await scenario.Smtp.WaitForMessagesAsync(2, AlertsScenario.Wait);
        var slack = await scenario.Slack.WaitForMessagesAsync(2, AlertsScenario.Wait);
        Assert.Contains("[RESOLVED] ServiceDown", emails[1].Subject, StringComparison.Ordinal);
        Assert.Contains("[RESOLVED] ServiceDown", slack[1].Text, StringComparison.Ordinal);
        Assert.Equal((2, 2), await scenario.SettleAsync());
    }

    [Fact]
    public async Task Slack_answering_500_for_a_while_still_gets_the_notice_exactly_once()
    {
        await using var scenario = await AlertsScenario.CreateAsync(system);
        scenario.Slack.Failing = true;
        await scenario.PublishAsync(AlertsScenario.Alert("flaky-1", "HighErrorRate", "api"));
        await scenario.Smtp.WaitForMessagesAsync(1, AlertsScenario.Wait);
        for (var i = 0; i < 400 && scenario.Slack.Refused < 4; i++) await Task.Delay(25);
        Assert.True(scenario.Slack.Refused >= 4, $"Slack was called {scenario.Slack.Refused} times while failing");
        using var client = scenario.Instance.CreateClient();
        Assert.Contains("Circuit open for default/slack", await WaitForHealthAsync(client, "Circuit open"), StringComparison.Ordinal);

        scenario.Slack.Failing = false;
        await scenario.Slack.WaitForMessagesAsync(1, AlertsScenario.Wait);
        Assert.Equal((1, 1), await scenario.SettleAsync());

        var log = await client.GetFromJsonAsync<JsonElement>("admin/deliveries?pageSize=10");
        var slack = log.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("channel").GetString() == "slack");
        Assert.Equal("sent", slack.GetProperty("status").GetString());
        Assert.True(slack.GetProperty("attempts").GetInt32() > 1);
        Assert.Equal("127.0.0.1", slack.GetProperty("recipient").GetString());
        var detail = await client.GetFromJsonAsync<JsonElement>($"admin/deliveries/{slack.GetProperty("id").GetGuid()}");
        var outcomes = detail.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("outcome").GetString()).ToList();
        Assert.Equal("sent", outcomes[^1]);
        Assert.All(outcomes[..^1], o => Assert.True(o is "failed" or "circuit-open", o));
    }

    [Fact]
    public async Task Pending_notice_goes_out_after_a_restart_once_the_receiver_is_back()
    {
        await using var scenario = await AlertsScenario.CreateAsync(system);
        scenario.Slack.Failing = true;
        await scenario.PublishAsync(AlertsScenario.Alert("restart-1", "HighErrorRate", "api"));
        for (var i = 0; i < 400 && scenario.Slack.Refused < 1; i++) await Task.Delay(25);
        Assert.True(scenario.Slack.Refused >= 1);
        await scenario.StopInstanceAsync(scenario.Instance);

        scenario.Slack.Failing = false;
        await scenario.StartInstanceAsync();
        await scenario.Slack.WaitForMessagesAsync(1, AlertsScenario.Wait);
        Assert.Equal((1, 1), await scenario.SettleAsync());
    }

    [Fact]
    public async Task Smtp_refusing_for_a_while_still_gets_the_email_once()
    {
        await using var scenario = await AlertsScenario.CreateAsync(system);
        scenario.Smtp.RefuseNext(3);
        await scenario.PublishAsync(AlertsScenario.Alert("smtp-1", "HighErrorRate", "api"));
        await scenario.Smtp.WaitForMessagesAsync(1, AlertsScenario.Wait);
        Assert.Equal(3, scenario.Smtp.Refused);
        Assert.Equal((1, 1), await scenario.SettleAsync());
    }

    [Fact]
    public async Task Email_authenticates_when_credentials_are_configured()
    {
        await using var scenario = await AlertsScenario.CreateAsync(system, new Dictionary<string, string?>
        {
            ["Alerts:Email:Username"] = "alerts",
            ["Alerts:Email:Password"] = "s3cret-pass",
        }, startInstance: false);
        scenario.Smtp.RequiredCredentials = ("alerts", "s3cret-pass");
        await scenario.StartInstanceAsync();
        await scenario.PublishAsync(AlertsScenario.Alert("auth-1", "HighErrorRate", "api"));
        var emails = await scenario.Smtp.WaitForMessagesAsync(1, AlertsScenario.Wait);
        Assert.Equal("alerts", emails[0].AuthenticatedAs);
    }

    [Fact]
    public async Task Two_instances_send_each_notice_once()
    {
        await using var scenario = await AlertsScenario.CreateAsync(system);
        await scenario.StartInstanceAsync();
        string[] services = ["api", "inference", "monitoring", "alerts", "dashboard"];
        foreach (var service in services)
            for (var i = 0; i < 4; i++) await scenario.PublishAsync(AlertsScenario.Alert($"two-{service}", "HighErrorRate", service));

        await scenario.Smtp.WaitForMessagesAsync(services.Length, AlertsScenario.Wait);
        await scenario.Slack.WaitForMessagesAsync(services.Length, AlertsScenario.Wait);
        Assert.Equal((5, 5), await scenario.SettleAsync());

        foreach (var service in services) await scenario.PublishAsync(new AlertResolved($"two-{service}", "HighErrorRate", service, DateTimeOffset.UtcNow));
        await scenario.Smtp.WaitForMessagesAsync(2 * services.Length, AlertsScenario.Wait);
        await scenario.Slack.WaitForMessagesAsync(2 * services.Length, AlertsScenario.Wait);
        Assert.Equal((10, 10), await scenario.SettleAsync());
        Assert.Equal(services.Length, scenario.Smtp.Messages.Snapshot().Count(m => m.Subject!.Contains("RESOLVED", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Test_endpoint_sends_a_notice_through_every_receiver()
    {
        await using var scenario = await AlertsScenario.CreateAsync(system);
        using var anonymous = scenario.Instance.CreateClient(adminToken: null);
        using var refused = await anonymous.PostAsync(new Uri("admin/alerts/test", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var client = scenario.Instance.CreateClient();
        using var response = await client.PostAsync(new Uri("admin/alerts/test", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var emails = await scenario.Smtp.WaitForMessagesAsync(1, AlertsScenario.Wait);
        var slack = await scenario.Slack.WaitForMessagesAsync(1, AlertsScenario.Wait);
        Assert.StartsWith("[TEST]", emails[0].Subject, StringComparison.Ordinal);
        Assert.StartsWith("[TEST]", slack[0].Text, StringComparison.Ordinal);
    }

    private static async Task<string> WaitForHealthAsync(HttpClient client, string expected)
    {
        var body = "";
        for (var i = 0; i < 200; i++)
        {
            body = await client.GetStringAsync(new Uri("health/detailed", UriKind.Relative));
            if (body.Contains(expected, StringComparison.Ordinal)) return body;
            await Task.Delay(50);
        }
        return body;
    }
}
