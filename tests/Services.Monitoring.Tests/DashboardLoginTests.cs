using System.Net;
using Kiln.Monitoring.Dashboard.Login;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Monitoring.Tests;

[Collection(DashboardCollection.Name)]
public sealed class DashboardLoginTests(DashboardServers servers) : IAsyncLifetime
{
    private DashboardInstance instance = null!;

    public async Task InitializeAsync() => instance = await servers.StartAsync();

    public async Task DisposeAsync() => await instance.DisposeAsync();

    [Fact]
    public async Task Pages_redirect_to_login_without_a_session()
    {
        using var client = new DashboardClient(instance.Address);
        foreach (var page in new[] { "dashboard", "dashboard/health", "dashboard/requests" })
        {
            using var response = await client.Http.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/dashboard/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        using var events = await client.Http.GetAsync("dashboard/events");
        Assert.Equal(HttpStatusCode.Unauthorized, events.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_logged_with_the_client_ip_but_not_the_password()
    {
        using var client = new DashboardClient(instance.Address);
        const string wrong = "not-the-password-7731";

        using var response = await client.LoginAsync(wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("login-refused", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(client.Cookies.GetCookies(instance.Address).Cast<Cookie>(), c => c.Name == "kiln-dashboard");
        var refusal = Assert.Single(instance.Logs.Lines, l => l.Contains("login refused", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("127.0.0.1", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(instance.Logs.Lines, l => l.Contains(wrong, StringComparison.Ordinal));
        using var page = await client.Http.GetAsync("dashboard");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task Session_cookie_is_HttpOnly_SameSite_Strict_and_has_no_persistent_expiry()
    {
        using var client = new DashboardClient(instance.Address);

        using var response = await client.LoginAsync(DashboardServers.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("kiln-dashboard=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        // Plain HTTP here; CookieSecurePolicy.SameAsRequest marks it Secure under HTTPS.
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        using var page = await client.Http.GetAsync("dashboard");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_without_the_antiforgery_token_is_refused_and_the_session_stays()
    {
        using var client = new DashboardClient(instance.Address);
        using var login = await client.LoginAsync(DashboardServers.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        using var logout = await client.Http.PostAsync("dashboard/logout", DashboardClient.Form());

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        using var page = await client.Http.GetAsync("dashboard");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Logout_with_the_token_ends_the_session_and_a_copy_of_the_old_cookie_no_longer_works()
    {
        using var client = new DashboardClient(instance.Address);
        using var login = await client.LoginAsync(DashboardServers.Password);
        var oldCookie = client.Cookies.GetCookies(new Uri(instance.Address, "dashboard")).Cast<Cookie>().Single(c => c.Name == "kiln-dashboard").Value;
        var token = await client.TokenFromAsync("dashboard");

        using var logout = await client.Http.PostAsync("dashboard/logout", DashboardClient.Form(("__RequestVerificationToken", token)));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using var replay = new HttpRequestMessage(HttpMethod.Get, new Uri(instance.Address, "dashboard"));
        replay.Headers.Add("Cookie", $"kiln-dashboard={oldCookie}");
        using var bare = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var response = await bare.SendAsync(replay);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dashboard/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_change_ends_every_session_and_only_the_new_password_logs_in()
    {
        using var client = new DashboardClient(instance.Address);
        using var login = await client.LoginAsync(DashboardServers.Password);
        var before = instance.Services.GetRequiredService<DashboardPassword>().Generation;
        try
        {
            instance.Reconfigure("Monitoring:DashboardPassword", "a brand new password 42");
            Assert.NotEqual(before, instance.Services.GetRequiredService<DashboardPassword>().Generation);

            using var page = await client.Http.GetAsync("dashboard");
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            using var oldPassword = await new DashboardClient(instance.Address).LoginAsync(DashboardServers.Password);
            Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
            using var newPassword = await client.LoginAsync("a brand new password 42");
            Assert.Equal(HttpStatusCode.Redirect, newPassword.StatusCode);
        }
        finally
        {
            instance.Reconfigure("Monitoring:DashboardPassword", DashboardServers.Password);
        }
    }

    [Fact]
    public async Task Reloading_configuration_with_the_same_password_keeps_sessions()
    {
        using var client = new DashboardClient(instance.Address);
        using var login = await client.LoginAsync(DashboardServers.Password);

        instance.Reconfigure("Monitoring:DashboardRefreshInterval", "00:00:04");

        using var page = await client.Http.GetAsync("dashboard");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
