using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Kiln.Api.Data;
using Kiln.Api.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Api.Tests;

[Collection(ApiSystemCollection.Name)]
public sealed class HistoryTests(ApiSystemFixture system)
{
    private static readonly Uri Models = new("v1/models", UriKind.Relative);

    private static async Task<List<RequestRecord>> WaitForRowsAsync(ApiInstance api, string[] requestIds)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var scope = api.Services.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<ApiDbContext>().RequestHistory.AsNoTracking()
                .Where(r => requestIds.Contains(r.RequestId)).ToListAsync();
            if (rows.Count >= requestIds.Length || clock.Elapsed > TimeSpan.FromSeconds(15)) return rows;
            await Task.Delay(100);
        }
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string requestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Models);
        request.Headers.Add("X-Request-ID", requestId);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Successes_and_failures_leave_history_rows()
    {
        await using var api = await system.StartApiAsync(RateLimitTestSettings.With(RateLimitTestSettings.NewPrefix(), ("RequestsPerMinutePerKey", 1)));
        var key = await ApiKeysClient.CreateKeyAsync(api, "history");
        using var client = api.CreateClient(key.Key);
        using var anonymous = api.CreateClient();
        var run = Guid.NewGuid().ToString("N");
        string[] ids = [$"{run}-ok", $"{run}-limited", $"{run}-unauthenticated"];

        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, ids[0]));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SendAsync(client, ids[1]));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(anonymous, ids[2]));
        var rows = (await WaitForRowsAsync(api, ids)).ToDictionary(r => r.RequestId);

        Assert.Equal(3, rows.Count);
        var ok = rows[ids[0]];
        Assert.Equal((200, key.Details.Id, "/v1/models", null), (ok.StatusCode, ok.KeyId, ok.Endpoint, ok.ErrorType));
        Assert.True(ok.DurationMs > 0);
        Assert.Matches("^[0-9a-f]{64}$", ok.ClientIpHash);
        Assert.Equal((429, "rate_limit_exceeded", key.Details.Id), (rows[ids[1]].StatusCode, rows[ids[1]].ErrorType, rows[ids[1]].KeyId));
        Assert.Equal((401, "authentication_error", (string?)null), (rows[ids[2]].StatusCode, rows[ids[2]].ErrorType, rows[ids[2]].KeyId));
        Assert.Equal(ok.ClientIpHash, rows[ids[2]].ClientIpHash);
    }

    [Fact]
    public async Task Admin_history_query_filters_and_pages()
    {
        await using var api = await system.StartApiAsync();
        var key = await ApiKeysClient.CreateKeyAsync(api, "history-query");
        using var client = api.CreateClient(key.Key);
        var run = Guid.NewGuid().ToString("N");
        string[] ids = [$"{run}-1", $"{run}-2", $"{run}-3"];
        foreach (var id in ids) Assert.Equal(HttpStatusCode.OK, await SendAsync(client, id));
        Assert.Equal(3, (await WaitForRowsAsync(api, ids)).Count);
        using var admin = api.CreateAdminClient();
        using var anonymous = api.CreateClient();

        using var page1 = JsonDocument.Parse(await admin.GetStringAsync(new Uri($"admin/history?keyId={key.Details.Id}&status=200&page=1&pageSize=2", UriKind.Relative)));
        using var page2 = JsonDocument.Parse(await admin.GetStringAsync(new Uri($"admin/history?keyId={key.Details.Id}&page=2&pageSize=2", UriKind.Relative)));
        using var future = JsonDocument.Parse(await admin.GetStringAsync(new Uri($"admin/history?keyId={key.Details.Id}&from={DateTimeOffset.UtcNow.AddHours(1):O}".Replace("+", "%2B", StringComparison.Ordinal), UriKind.Relative)));
        using var unauthorized = await anonymous.GetAsync(new Uri("admin/history", UriKind.Relative));

        Assert.Equal(3, page1.RootElement.GetProperty("total").GetInt32());
        var newestFirst = page1.RootElement.GetProperty("items").EnumerateArray().Concat(page2.RootElement.GetProperty("items").EnumerateArray())
            .Select(r => r.GetProperty("requestId").GetString()).ToList();
        Assert.Equal(ids.Reverse(), newestFirst);
        Assert.Equal(0, future.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task Content_is_stored_per_the_StoreContent_setting()
    {
        await using var api = await system.StartApiAsync(new Dictionary<string, string?> { ["History:StoreContent"] = "Truncated", ["History:ContentMaxLength"] = "5" });
        var record = await RecordAsync(api, prompt: "0123456789", response: "abcdefghij");
        Assert.Equal(("01234", "abcde"), (record.Prompt, record.Response));

        await using var none = await system.StartApiAsync(new Dictionary<string, string?> { ["History:StoreContent"] = "None" });
        var hidden = await RecordAsync(none, prompt: "secret prompt", response: "secret answer");
        Assert.Equal((null, null), (hidden.Prompt, hidden.Response));
    }

    // The endpoints that fill prompt and response are api-chat's; this drives the middleware with an outcome set by hand.
    private static async Task<RequestRecord> RecordAsync(ApiInstance api, string prompt, string response)
    {
        await HistoryDatabase.WaitForMigrationAsync(api);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = api.Services, TraceIdentifier = Guid.NewGuid().ToString("N") };
        context.Request.Path = "/v1/chat/completions";
        var middleware = ActivatorUtilities.CreateInstance<RequestHistoryMiddleware>(api.Services, (Microsoft.AspNetCore.Http.RequestDelegate)(c =>
        {
            var outcome = c.GetRequestOutcome();
            (outcome.Prompt, outcome.Response) = (prompt, response);
            return Task.CompletedTask;
        }));
        await middleware.InvokeAsync(context);
        return (await WaitForRowsAsync(api, [context.TraceIdentifier])).Single();
    }
}
