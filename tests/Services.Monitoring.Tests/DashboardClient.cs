using System.Net;
using System.Text.RegularExpressions;

namespace Kiln.Monitoring.Tests;

/// <summary>A cookie-keeping HTTP client that logs in and posts forms the way the dashboard's pages do.</summary>
public sealed partial class DashboardClient : IDisposable
{
    private readonly HttpClientHandler handler;

    public DashboardClient(Uri address)
    {
        handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };
        Http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies => handler.CookieContainer;

    /// <summary>Posts the login form with the token from the login page; returns the raw response.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string password)
    {
        var token = await TokenFromAsync("dashboard/login");
        return await Http.PostAsync("dashboard/login", Form(("password", password), ("__RequestVerificationToken", token)));
    }

    /// <summary>The antiforgery token in the first form of a page.</summary>
    public async Task<string> TokenFromAsync(string path)
    {
        var html = await Http.GetStringAsync(path);
        var match = AntiforgeryInput().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {path}");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    public void Dispose()
    {
        Http.Dispose();
        handler.Dispose();
    }

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="(?<value>[^"]+)"|value="(?<value>[^"]+)"[^>]*name="__RequestVerificationToken""")]
    private static partial Regex AntiforgeryInput();
}
