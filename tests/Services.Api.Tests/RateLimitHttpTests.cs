using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kiln.Api.Keys;
using Kiln.Api.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace Kiln.Api.Tests;

[Collection(ApiSystemCollection.Name)]
public sealed class RateLimitHttpTests(ApiSystemFixture system)
{
    private static readonly Uri Ping = new("api/ping", UriKind.Relative);
    private static readonly Uri Models = new("v1/models", UriKind.Relative);

    [Fact]
    public async Task Request_over_the_limit_gets_429_with_headers_and_Retry_After()
    {
        await using var api = await system.StartApiAsync(RateLimitTestSettings.With(RateLimitTestSettings.NewPrefix(), ("RequestsPerMinutePerIp", 3)));
        using var client = api.CreateClient();
        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync(Ping);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("3", ok.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.True(ok.Headers.Contains("X-RateLimit-Reset"));
            remaining.Add(ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        using var refused = await client.GetAsync(Ping);

        Assert.Equal(["2", "1", "0"], remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(20), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("0", refused.Headers.GetValues("X-RateLimit-Remaining").Single());
        using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("rate_limit_exceeded", error.GetProperty("type").GetString());
        Assert.Contains("per-address limit of 3 requests per minute", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Second_instance_shares_the_limit()
    {
        var settings = RateLimitTestSettings.With(RateLimitTestSettings.NewPrefix(), ("RequestsPerMinutePerIp", 4));
        await using var first = await system.StartApiAsync(settings);
        await using var second = await system.StartApiAsync(settings);
        using var a = first.CreateClient();
        using var b = second.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await (i % 2 == 0 ? a : b).GetAsync(Ping);
            statuses.Add(response.StatusCode);
        }
        using var fromFirst = await a.GetAsync(Ping);
        using var fromSecond = await b.GetAsync(Ping);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, fromFirst.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, fromSecond.StatusCode);
    }

    [Fact]
    public async Task Health_and_admin_endpoints_are_exempt()
    {
        await using var api = await system.StartApiAsync(RateLimitTestSettings.With(RateLimitTestSettings.NewPrefix(), ("GlobalRequestsPerMinute", 1)));
        using var client = api.CreateClient();
        using var admin = api.CreateAdminClient();
        using (var first = await client.GetAsync(Ping)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var second = await client.GetAsync(Ping)) Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);

        using var health = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
        using var status = await admin.GetAsync(new Uri("admin/rate-limits", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.False(health.Headers.Contains("X-RateLimit-Limit"));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Contains("redis", await status.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Key_limit_applies_per_key_and_its_own_limit_overrides_the_default()
    {
        await using var api = await system.StartApiAsync(RateLimitTestSettings.With(RateLimitTestSettings.NewPrefix(), ("RequestsPerMinutePerKey", 3)));
        var limited = await ApiKeysClient.CreateKeyAsync(api, "own-limit", requestsPerMinute: 1);
        var standard = await ApiKeysClient.CreateKeyAsync(api, "default-limit");
        using var limitedClient = api.CreateClient(limited.Key);
        using var standardClient = api.CreateClient(standard.Key);

        using var first = await limitedClient.GetAsync(Models);
        using var second = await limitedClient.GetAsync(Models);
        var standardStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await standardClient.GetAsync(Models);
            standardStatuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("per-key limit of 1 requests per minute", await second.Content.ReadAsStringAsync());
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], standardStatuses);

        using var admin = api.CreateAdminClient();
        using var usage = JsonDocument.Parse(await admin.GetStringAsync(new Uri($"admin/rate-limits/keys/{standard.Details.Id}", UriKind.Relative)));
        Assert.Equal(3, usage.RootElement.GetProperty("requests").GetProperty("used").GetInt64());
        Assert.Equal(0, usage.RootElement.GetProperty("requests").GetProperty("remaining").GetInt64());
    }

    [Fact]
    public async Task Too_many_failed_authentications_give_429_before_auth_is_tried()
    {
        await using var api = await system.StartApiAsync(RateLimitTestSettings.With(RateLimitTestSettings.NewPrefix(), ("FailedAuthAttempts", 3)));
        var valid = await ApiKeysClient.CreateKeyAsync(api);
        using var bad = api.CreateClient("kiln_0123456789abcdef_0000");
        using var good = api.CreateClient(valid.Key);
        for (var i = 0; i < 3; i++)
        {
            using var response = await bad.GetAsync(Models);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var blocked = await good.GetAsync(Models);

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.True(blocked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("too_many_failed_authentications", await blocked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenAI_SDK_raises_its_rate_limit_exception_on_429()
    {
        await using var api = await system.StartApiAsync(RateLimitTestSettings.With(RateLimitTestSettings.NewPrefix(), ("RequestsPerMinutePerKey", 1)));
        var key = await ApiKeysClient.CreateKeyAsync(api);
        var sdk = new OpenAIClient(new ApiKeyCredential(key.Key), new OpenAIClientOptions
        {
            Endpoint = new Uri(api.Address, "v1"),
            RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 0),
        }).GetOpenAIModelClient();
        await sdk.GetModelsAsync();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => sdk.GetModelsAsync());

        Assert.Equal(429, error.Status);
    }

    [Fact]
    public async Task Tokens_are_admitted_on_the_estimate_and_charged_the_actual_usage()
    {
        await using var api = await system.StartApiAsync(RateLimitTestSettings.With(RateLimitTestSettings.NewPrefix()));
        var limiter = api.Services.GetRequiredService<ITokenLimiter>();
        HttpContext Request()
        {
            var context = new DefaultHttpContext { RequestServices = api.Services };
            context.SetApiCaller(new ApiCaller("token-key", "t", null, null, TokensPerMinute: 1_000));
            return context;
        }
        var first = Request();

        Assert.Null(await limiter.AdmitAsync(first, 800, CancellationToken.None));
        var refused = await limiter.AdmitAsync(Request(), 800, CancellationToken.None);
        await limiter.SettleAsync(first, 100, CancellationToken.None);
        var afterCredit = await limiter.AdmitAsync(Request(), 800, CancellationToken.None);

        Assert.Equal(StatusCodes.Status429TooManyRequests, Assert.IsAssignableFrom<IStatusCodeHttpResult>(refused).StatusCode);
        Assert.Null(afterCredit);
        using var admin = api.CreateAdminClient();
        using var usage = JsonDocument.Parse(await admin.GetStringAsync(new Uri("admin/rate-limits/keys/token-key", UriKind.Relative)));
        Assert.InRange(usage.RootElement.GetProperty("tokens").GetProperty("used").GetInt64(), 850, 900);
    }

    [Fact]
    public async Task Chat_is_charged_its_actual_tokens_and_an_estimate_over_the_rest_gets_429()
    {
        await using var api = await system.StartApiAsync(RateLimitTestSettings.With(RateLimitTestSettings.NewPrefix()));
        var key = await ApiKeysClient.CreateKeyAsync(api, "tokens", tokensPerMinute: 100);
        using var client = api.CreateClient(key.Key);
        using var admin = api.CreateAdminClient();
        static object Chat(int maxTokens) => new
        {
            model = ApiSystemFixture.ModelName,
            messages = new[] { new { role = "user", content = "Once upon a time" } },
            max_tokens = maxTokens,
            temperature = 0,
        };

        using var first = await client.PostAsJsonAsync("v1/chat/completions", Chat(8));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var answer = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        var actual = answer.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32();
        using var usage = JsonDocument.Parse(await admin.GetStringAsync(new Uri($"admin/rate-limits/keys/{key.Details.Id}", UriKind.Relative)));
        var used = usage.RootElement.GetProperty("tokens").GetProperty("used").GetInt64();
        // The chat endpoint estimated prompt characters / 4 + max_tokens; the key is charged what the model really
        // used instead (one token refills per 600 ms meanwhile).
        var estimate = "user: Once upon a time".Length / 4 + 8;
        Assert.NotEqual(estimate, actual);
        Assert.InRange(used, actual - 3, actual);

        using var refused = await client.PostAsJsonAsync("v1/chat/completions", Chat(100 - (int)used));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("tokens_rate_limit_exceeded", body);
        Assert.Contains("per-key limit of 100 tokens per minute", body);
    }
}
