using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Kiln.Api.Tests;

[Collection(ApiSystemCollection.Name)]
public sealed class RedisOutageTests(ApiSystemFixture system)
{
    private static readonly Uri Ping = new("api/ping", UriKind.Relative);

    private static async Task<string> WaitForAsync(Func<Task<string>> read, string expected)
    {
        var clock = Stopwatch.StartNew();
        string last;
        do
        {
            last = await read();
            if (last.Contains(expected, StringComparison.Ordinal)) return last;
            await Task.Delay(100);
        } while (clock.Elapsed < TimeSpan.FromSeconds(20));
        return last;
    }

    [Fact]
    public async Task Redis_outage_falls_back_to_memory_with_degraded_health_and_recovers()
    {
        await using var redis = new RedisOutageServer();
        await redis.StartAsync();
        var settings = RateLimitTestSettings.With(RateLimitTestSettings.NewPrefix(), ("RequestsPerMinutePerIp", 2));
        settings["ConnectionStrings:redis"] = redis.ConnectionString;
        await using var api = await system.StartApiAsync(settings);
        using var client = api.CreateClient();
        using var admin = api.CreateAdminClient();
        async Task<string> Store()
        {
            using var ping = await client.GetAsync(Ping);
            return await admin.GetStringAsync(new Uri("admin/rate-limits", UriKind.Relative));
        }
        async Task<HttpStatusCode> Send()
        {
            using var response = await client.GetAsync(Ping);
            return response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await Send());

        await redis.StopAsync();
        var ready = await WaitForAsync(() => client.GetStringAsync(new Uri("health/ready", UriKind.Relative)), "\"status\":\"degraded\"");
        var detailed = await admin.GetStringAsync(new Uri("health/detailed", UriKind.Relative));
        // In memory the limit starts afresh but is still enforced.
        HttpStatusCode[] duringOutage = [await Send(), await Send(), await Send()];
        var storeDuringOutage = await admin.GetStringAsync(new Uri("admin/rate-limits", UriKind.Relative));

        await redis.StartAsync();
        var storeAfter = await WaitForAsync(Store, "redis");
        var readyAfter = await WaitForAsync(() => client.GetStringAsync(new Uri("health/ready", UriKind.Relative)), "\"status\":\"healthy\"");

        Assert.Contains("\"status\":\"degraded\"", ready);
        Assert.Contains("in memory", detailed);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], duringOutage);
        Assert.Contains("memory", storeDuringOutage);
        Assert.Contains("redis", storeAfter);
        Assert.Contains("\"status\":\"healthy\"", readyAfter);
        using var health = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        _ = JsonDocument.Parse(readyAfter);
    }
}
