using Kiln.Api.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Kiln.Api.Tests;

/// <summary>The Lua script against the real Redis, clock passed in (the script takes "now" from the caller).</summary>
[Collection(ApiSystemCollection.Name)]
public sealed class RateLimitScriptTests : RateLimitSemantics, IAsyncLifetime
{
    private readonly ApiSystemFixture system;
    private ConnectionMultiplexer? redis;
    private RedisRateLimiter? store;

    public RateLimitScriptTests(ApiSystemFixture system) => this.system = system;

    protected override IRateLimitStore Store => store!;

    public async Task InitializeAsync()
    {
        redis = await ConnectionMultiplexer.ConnectAsync(system.Redis.ConnectionString);
        store = new RedisRateLimiter(redis, Options.Create(new RateLimitOptions { KeyPrefix = $"script-test:{Guid.NewGuid():N}:" }), Time);
    }

    public async Task DisposeAsync()
    {
        if (redis is not null) await redis.DisposeAsync();
    }

    [Fact]
    public async Task Limit_state_expires_from_Redis_once_fully_refilled()
    {
        var rule = new RateLimitRule("expiry", "3 per second", 3, TimeSpan.FromSeconds(1), 3, 1);
        await Store.CheckAsync([rule], RateLimitMode.Consume, null, CancellationToken.None);
        var keys = redis!.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "script-test:*expiry").ToList();

        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(keys.Single());

        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));
    }
}
