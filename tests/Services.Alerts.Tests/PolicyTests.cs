using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kiln.Contracts;

namespace Kiln.Alerts.Tests;

[Collection(AlertsSystemCollection.Name)]
public sealed class PolicyTests(AlertsSystemFixture system)
{
    [Fact]
    public async Task Silence_suppresses_matching_alerts_until_it_is_expired()
    {
        await using var scenario = await AlertsScenario.CreateAsync(system);
        using var client = scenario.Instance.CreateClient();
        using var created = await client.PostAsJsonAsync("admin/silences", new
        {
            matchers = new[] { new { name = "service", value = "inference", isRegex = false, isEqual = true } },
            duration = "01:00:00",
            createdBy = "test",
            comment = "maintenance",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var silence = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = silence.GetProperty("id").GetGuid();

        await scenario.PublishAsync(AlertsScenario.Alert("silenced-1", "HighErrorRate", "inference"));
        await scenario.PublishAsync(AlertsScenario.Alert("loud-1", "HighErrorRate", "api"));
        var emails = await scenario.Smtp.WaitForMessagesAsync(1, AlertsScenario.Wait);
        Assert.Equal((1, 1), await scenario.SettleAsync());
        Assert.Contains("(api)", emails[0].Subject, StringComparison.Ordinal);

        var active = await client.GetFromJsonAsync<JsonElement>("admin/silences");
        Assert.Equal("active", active.EnumerateArray().Single().GetProperty("state").GetString());
        var alerts = await client.GetFromJsonAsync<JsonElement>("admin/alerts");
        Assert.Contains(alerts.GetProperty("firing").EnumerateArray(), a => a.GetProperty("fingerprint").GetString() == "silenced-1");

        using var deleted = await client.DeleteAsync(new Uri($"admin/silences/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        emails = await scenario.Smtp.WaitForMessagesAsync(2, AlertsScenario.Wait);
        Assert.Contains("(inference)", emails[1].Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silence_without_matchers_is_refused()
    {
        await using var scenario = await AlertsScenario.CreateAsync(system);
        using var client = scenario.Instance.CreateClient();
        using var response = await client.PostAsJsonAsync("admin/silences", new { matchers = Array.Empty<object>(), duration = "01:00:00" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Service_down_inhibits_that_services_error_rate_alerts_only()
    {
        await using var scenario = await AlertsScenario.CreateAsync(system);
        await scenario.PublishAsync(AlertsScenario.Alert("down-inference", "ServiceDown", "inference", Severity.Critical));
        await scenario.Smtp.WaitForMessagesAsync(1, AlertsScenario.Wait);

        await scenario.PublishAsync(AlertsScenario.Alert("rate-inference", "HighErrorRate", "inference"));
        await scenario.PublishAsync(AlertsScenario.Alert("rate-labelled", "Errors5xx", "inference", labels: new Dictionary<string, string> { ["kind"] = "error-rate" }));
        await scenario.PublishAsync(AlertsScenario.Alert("rate-api", "HighErrorRate", "api"));
        var emails = await scenario.Smtp.WaitForMessagesAsync(2, AlertsScenario.Wait);
        Assert.Equal(2, (await scenario.SettleAsync()).Emails);
        Assert.Contains("HighErrorRate (api)", emails[1].Subject, StringComparison.Ordinal);

        // Once the service is back, its error-rate alerts that still fire are sent.
        await scenario.PublishAsync(new AlertResolved("down-inference", "ServiceDown", "inference", DateTimeOffset.UtcNow));
        emails = await scenario.Smtp.WaitForMessagesAsync(5, AlertsScenario.Wait);
        var subjects = emails.Skip(2).Select(e => e.Subject!).ToList();
        Assert.Contains(subjects, s => s.Contains("[RESOLVED] ServiceDown", StringComparison.Ordinal));
        Assert.Contains(subjects, s => s.Contains("HighErrorRate (inference)", StringComparison.Ordinal));
        Assert.Contains(subjects, s => s.Contains("Errors5xx (inference)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_channels_the_service_runs_and_reports_degraded()
    {
        await using var scenario = await AlertsScenario.CreateAsync(system, new Dictionary<string, string?>
        {
            ["Alerts:Email:SmtpHost"] = null,
            ["Alerts:Slack:WebhookUrl"] = null,
        });
        using var client = scenario.Instance.CreateClient();
        using var response = await client.GetAsync(new Uri("health/detailed", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No alert channel is configured", body, StringComparison.Ordinal);
        Assert.Contains("degraded", body, StringComparison.OrdinalIgnoreCase);

        await scenario.PublishAsync(AlertsScenario.Alert("nowhere-1", "HighErrorRate", "api"));
        var alerts = await WaitForFiringAsync(client, "nowhere-1");
        Assert.Equal(JsonValueKind.Object, alerts.ValueKind);
    }

    [Fact]
    public async Task Routes_send_critical_alerts_to_their_own_receiver()
    {
        await using var scenario = await AlertsScenario.CreateAsync(system, new Dictionary<string, string?>
        {
            ["Alerts:Receivers:team:Slack"] = "false",
            ["Alerts:Receivers:pager:Email"] = "false",
            ["Alerts:Route:Receiver"] = "team",
            ["Alerts:Route:Routes:0:Matchers:0"] = "severity=\"critical\"",
            ["Alerts:Route:Routes:0:Receiver"] = "pager",
        });
        await scenario.PublishAsync(AlertsScenario.Alert("route-crit", "ServiceDown", "api", Severity.Critical));
        await scenario.PublishAsync(AlertsScenario.Alert("route-warn", "HighLatency", "api", Severity.Warning));
        var slack = await scenario.Slack.WaitForMessagesAsync(1, AlertsScenario.Wait);
        var emails = await scenario.Smtp.WaitForMessagesAsync(1, AlertsScenario.Wait);
        Assert.Equal((1, 1), await scenario.SettleAsync());
        Assert.Contains("ServiceDown", slack[0].Text, StringComparison.Ordinal);
        Assert.Contains("HighLatency", emails[0].Subject, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> WaitForFiringAsync(HttpClient client, string fingerprint)
    {
        for (var i = 0; i < 200; i++)
        {
            var alerts = await client.GetFromJsonAsync<JsonElement>("admin/alerts");
            if (alerts.GetProperty("firing").EnumerateArray().Any(a => a.GetProperty("fingerprint").GetString() == fingerprint)) return alerts;
            await Task.Delay(50);
        }
        throw new TimeoutException($"{fingerprint} was not recorded within 10 s");
    }
}
