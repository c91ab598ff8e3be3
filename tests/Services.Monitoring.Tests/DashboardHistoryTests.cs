using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Kiln.Monitoring.Tests;

/// <summary>
/// The request-history page against a stand-in Api on loopback answering in the shape of the Api's
/// HistoryAdminApi (items, page, pageSize, total), which this branch does not contain.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardHistoryTests(DashboardServers servers)
{
    private const string AdminToken = "history-test-admin-token";

    [Fact]
    public async Task History_search_passes_the_filters_and_the_admin_token_and_shows_the_rows_encoded()
    {
        var seen = new List<string>();
        await using var api = await StartApiAsync(context =>
        {
            seen.Add($"{context.Request.Headers["X-Admin-Token"]} {context.Request.QueryString}");
            return Results.Json(new
            {
                items = new[] { new { requestId = "req-1", keyId = "key-7", statusCode = 429, endpoint = "<script>alert(1)</script>" } },
                page = 1,
                pageSize = 20,
                total = 1,
            });
        });
        await using var instance = await servers.StartAsync(new Dictionary<string, string?>
        {
            ["services:api:http:0"] = api.Urls.Single(),
            ["Admin:Token"] = AdminToken,
        });
        using var client = new DashboardClient(instance.Address);
        using var login = await client.LoginAsync(DashboardServers.Password);

        var html = await client.Http.GetStringAsync("dashboard/requests?Query.KeyId=key-7&Query.Status=429&Query.PageSize=20&Query.Page=1");

        var request = Assert.Single(seen);
        Assert.StartsWith(AdminToken + " ?", request, StringComparison.Ordinal);
        Assert.Contains("keyId=key-7", request, StringComparison.Ordinal);
        Assert.Contains("status=429", request, StringComparison.Ordinal);
        Assert.Contains("pageSize=20", request, StringComparison.Ordinal);
        Assert.Contains("req-1", html, StringComparison.Ordinal);
        Assert.Contains("1 requests match", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_search_says_promptly_that_the_Api_is_unreachable_when_nothing_answers()
    {
        await using var instance = await servers.StartAsync();
        using var client = new DashboardClient(instance.Address);
        using var login = await client.LoginAsync(DashboardServers.Password);

        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await client.Http.GetAsync("dashboard/requests?Query.Status=500");

        // Bounded: the standard handler alone would retry with backoff for about 7 s while the operator waits.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(6), $"took {started.Elapsed}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"history-problem\"", html, StringComparison.Ordinal);
        Assert.Contains("The Api is unreachable", html, StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartApiAsync(Func<HttpContext, IResult> history)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/admin/history", history);
        await app.StartAsync();
        return app;
    }
}
