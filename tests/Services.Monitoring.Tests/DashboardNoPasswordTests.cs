using System.Net;

namespace Kiln.Monitoring.Tests;

[Collection(DashboardCollection.Name)]
public sealed class DashboardNoPasswordTests(DashboardServers servers)
{
    [Fact]
    public async Task Without_a_password_the_login_page_only_says_how_to_set_one()
    {
        await using var instance = await servers.StartAsync(new Dictionary<string, string?> { ["Monitoring:DashboardPassword"] = null });
        using var client = new DashboardClient(instance.Address);

        var html = await client.Http.GetStringAsync("dashboard/login");

        Assert.Contains("Monitoring__DashboardPassword", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<input type=\"password\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Log out", html, StringComparison.Ordinal);
        using var posted = await client.Http.PostAsync("dashboard/login", DashboardClient.Form(("password", "anything at all")));
        Assert.NotEqual(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.DoesNotContain(client.Cookies.GetCookies(instance.Address).Cast<Cookie>(), c => c.Name == "kiln-dashboard");
        using var page = await client.Http.GetAsync("dashboard");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }
}
