using System.Net;

namespace Kiln.Monitoring.Tests;

[Collection(DashboardCollection.Name)]
public sealed class DashboardLoginLimitTests(DashboardServers servers)
{
    [Fact]
    public async Task Sixth_login_attempt_in_a_minute_gets_429_even_with_the_right_password()
    {
        await using var instance = await servers.StartAsync(new Dictionary<string, string?> { ["Monitoring:DashboardLoginAttemptsPerMinute"] = "5" });
        using var client = new DashboardClient(instance.Address);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var refused = await client.LoginAsync($"wrong {attempt}");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        using var sixth = await client.LoginAsync(DashboardServers.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Contains("Too many login attempts", await sixth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(sixth.Headers.RetryAfter is not null);
        // Only attempts are limited: the login page itself still loads.
        using var page = await client.Http.GetAsync("dashboard/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
