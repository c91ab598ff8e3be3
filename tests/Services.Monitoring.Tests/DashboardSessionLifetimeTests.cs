using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kiln.Monitoring.Tests;

[Collection(DashboardCollection.Name)]
public sealed class DashboardSessionLifetimeTests(DashboardServers servers)
{
    [Fact]
    public async Task Session_ends_when_the_configured_lifetime_has_passed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var instance = await servers.StartAsync(
            new Dictionary<string, string?> { ["Monitoring:DashboardSessionLifetime"] = "01:00:00" },
            services => services.AddSingleton<TimeProvider>(clock));
        using var client = new DashboardClient(instance.Address);
        using var login = await client.LoginAsync(DashboardServers.Password);

        clock.Advance(TimeSpan.FromMinutes(59));
        using (var stillIn = await client.Http.GetAsync("dashboard/health")) Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);

        clock.Advance(TimeSpan.FromMinutes(2));
        using var expired = await client.Http.GetAsync("dashboard/health");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("/dashboard/login", expired.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
