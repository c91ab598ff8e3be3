using Kiln.Contracts;
using Kiln.Monitoring.Alerting;
using Kiln.Monitoring.Data;
using Kiln.Monitoring.HealthHistory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kiln.Monitoring.Tests;

/// <summary>The dashboard in a real headless Chromium: one flow from login to logout.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(DashboardServers servers)
{
    // Generous: the CI machine runs many suites on 2 cores.
    private const float WaitMs = 30_000;

    [DashboardChromiumFact]
    public async Task Operator_logs_in_sees_every_service_and_a_new_alert_live_then_logs_out_and_is_refused()
    {
        await using var instance = await servers.StartAsync();
        await AddAsync(instance, db => db.HealthTransitions.Add(new HealthTransition
        {
            Service = "inference", Component = "model", Previous = HealthState.Unhealthy, Current = HealthState.Healthy,
            Description = "model loaded", ChangedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        }));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = DashboardChromiumFactAttribute.ChromiumPath, Headless = true });
        var context = await browser.NewContextAsync(new() { BaseURL = instance.Address.ToString() });
        var page = await context.NewPageAsync();
        var policyViolations = new List<string>();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) policyViolations.Add(message.Text);
        };

        // Log in: the dashboard sends an anonymous visitor to the login page and back.
        await page.GotoAsync("/dashboard");
        Assert.Contains("/dashboard/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#password", DashboardServers.Password);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync("**/dashboard", new() { Timeout = WaitMs });

        // Every service, from service discovery and from reported health.
        foreach (var service in new[] { "alerts", "api", "inference" })
            await Assertions.Expect(page.Locator($"#services tr[data-service='{service}']").First).ToBeVisibleAsync(new() { Timeout = WaitMs });
        await Assertions.Expect(page.Locator("#services")).ToContainTextAsync("model loaded");
        // Nothing listens at the api's address: whatever the poller has seen so far, it is never shown healthy.
        await Assertions.Expect(page.Locator("#services tr[data-service='api'] td.status-healthy")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#services tr[data-service='postgres'] td.status-healthy")).ToHaveCountAsync(1, new() { Timeout = WaitMs });
        await Assertions.Expect(page.Locator("#live-state")).ToHaveTextAsync("connected", new() { Timeout = WaitMs });

        // An alert the backend raises now appears without a reload, pushed over Server-Sent Events.
        var fingerprint = "browser-" + Guid.NewGuid().ToString("N")[..12];
        var now = DateTimeOffset.UtcNow;
        await instance.Services.GetRequiredService<AlertStateStore>().RaiseAsync(new AlertRecord(
            fingerprint, "ApiErrorRate", "api", Severity.Critical, "<b>5xx</b> above 5 % for 5 minutes",
            new Dictionary<string, string>(), now, now, null), CancellationToken.None);
        var alertRow = page.Locator($"#open-alerts tr[data-fingerprint='{fingerprint}']");
        await Assertions.Expect(alertRow).ToBeVisibleAsync(new() { Timeout = WaitMs });
        // Shown as text, never as markup.
        await Assertions.Expect(alertRow).ToContainTextAsync("<b>5xx</b> above 5 %");

        // The charting library and the page script load under the dashboard's policy.
        Assert.True(await page.EvaluateAsync<bool>("() => typeof Chart === 'function'"));
        // The statistics are sampled at start, so every chart has at least one point.
        Assert.True(await page.EvaluateAsync<bool>(
            "() => ['chart-errors','chart-throughput','chart-tokens','chart-queue','chart-gpu','chart-refusals'].every(id => Chart.getChart(id)?.data.labels.length >= 1)"));
        Assert.Empty(policyViolations);
        Assert.Empty(scriptErrors);

        // Log out; a copy of the old session cookie no longer opens any page.
        var sessionCookies = await context.CookiesAsync();
        await page.ClickAsync("#logout");
        await page.WaitForURLAsync("**/dashboard/login", new() { Timeout = WaitMs });
        var replay = await browser.NewContextAsync(new() { BaseURL = instance.Address.ToString() });
        await replay.AddCookiesAsync(sessionCookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        var replayPage = await replay.NewPageAsync();
        await replayPage.GotoAsync("/dashboard/health");
        Assert.Contains("/dashboard/login", replayPage.Url, StringComparison.Ordinal);
        await Assertions.Expect(replayPage.Locator("#password")).ToBeVisibleAsync();
    }

    private static async Task AddAsync(DashboardInstance instance, Action<MonitoringDbContext> add)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
        add(db);
        await db.SaveChangesAsync();
    }
}
