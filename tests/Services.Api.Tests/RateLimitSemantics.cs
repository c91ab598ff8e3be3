using Kiln.Api.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace Kiln.Api.Tests;

/// <summary>
/// The GCRA behaviour both stores must share (Redis script and in-memory fallback), run against each with a
/// fake clock: the store is built by the derived class around <see cref="Time"/>.
/// </summary>
public abstract class RateLimitSemantics
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    protected abstract IRateLimitStore Store { get; }

    private static RateLimitRule Requests(string key, int limit, double burst = 0, double cost = 1) =>
        new(key, $"{limit} per minute", limit, Minute, burst == 0 ? limit : burst, cost);

    private async Task<RateLimitDecision> Consume(params RateLimitRule[] rules) =>
        await Store.CheckAsync(rules, RateLimitMode.Consume, null, CancellationToken.None);

    [Fact]
    public async Task Burst_is_allowed_then_the_next_request_is_refused()
    {
        var rule = Requests("burst", 3);
        var remaining = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var d = await Consume(rule);
            Assert.True(d.Allowed);
            remaining.Add(d.Tightest!.Remaining);
        }
        var refused = await Consume(rule);

        Assert.Equal([2L, 1L, 0L], remaining);
        Assert.False(refused.Allowed);
        Assert.Same(rule, refused.DeniedBy);
        Assert.Equal(TimeSpan.FromSeconds(20), refused.RetryAfter);
    }

    [Fact]
    public async Task One_unit_comes_back_per_emission_interval()
    {
        var rule = Requests("refill", 3);
        for (var i = 0; i < 3; i++) Assert.True((await Consume(rule)).Allowed);

        Time.Advance(TimeSpan.FromSeconds(19));
        Assert.False((await Consume(rule)).Allowed);
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await Consume(rule)).Allowed);
        Assert.False((await Consume(rule)).Allowed);
        Time.Advance(Minute);
        Assert.Equal(2, (await Consume(rule)).Tightest!.Remaining);
    }

    [Fact]
    public async Task Smaller_burst_limits_requests_at_once_but_not_the_rate()
    {
        var rule = Requests("small-burst", 60, burst: 2);
        Assert.True((await Consume(rule)).Allowed);
        Assert.True((await Consume(rule)).Allowed);
        Assert.False((await Consume(rule)).Allowed);
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await Consume(rule)).Allowed);
    }

    [Fact]
    public async Task A_refusal_by_one_limit_spends_none_of_the_others()
    {
        var wide = Requests("wide", 100);
        var narrow = Requests("narrow", 1);
        Assert.True((await Consume(wide, narrow)).Allowed);

        var refused = await Consume(wide, narrow);

        Assert.False(refused.Allowed);
        Assert.Same(narrow, refused.DeniedBy);
        Assert.Equal(0, refused.Tightest!.Remaining);
        Assert.Equal(99, (await Store.CheckAsync([wide], RateLimitMode.Peek, null, CancellationToken.None)).Tightest!.Remaining);
    }

    [Fact]
    public async Task Peek_does_not_spend_and_force_spends_past_the_limit()
    {
        var rule = Requests("peek", 2);
        for (var i = 0; i < 5; i++) Assert.True((await Store.CheckAsync([rule], RateLimitMode.Peek, null, CancellationToken.None)).Allowed);

        await Store.CheckAsync([rule], RateLimitMode.Force, null, CancellationToken.None);
        await Store.CheckAsync([rule], RateLimitMode.Force, null, CancellationToken.None);
        var third = await Store.CheckAsync([rule], RateLimitMode.Force, null, CancellationToken.None);

        Assert.True(third.Allowed);
        Assert.False((await Store.CheckAsync([rule], RateLimitMode.Peek, null, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task Tokens_are_admitted_on_the_estimate_and_settled_on_actual_usage()
    {
        var admit = Requests("tokens", 1000, cost: 800);
        Assert.True((await Consume(admit)).Allowed);
        Assert.False((await Consume(admit)).Allowed);

        // The request used 100 tokens, not 800: 700 come back at once.
        await Store.CheckAsync([admit with { Cost = 100 - 800 }], RateLimitMode.Force, null, CancellationToken.None);
        Assert.True((await Consume(admit)).Allowed);

        // This one used 1,000 instead of 800: the debit makes even a small request wait.
        await Store.CheckAsync([admit with { Cost = 200 }], RateLimitMode.Force, null, CancellationToken.None);
        var refused = await Consume(admit with { Cost = 10 });
        Assert.False(refused.Allowed);
        // Spent 100 + 1,000 + 10 of a 1,000 burst: 110 tokens over, at 60 ms per token.
        Assert.Equal(TimeSpan.FromMilliseconds(110 * 60), refused.RetryAfter);
    }

    [Fact]
    public async Task Repeated_refusals_block_the_subject_for_the_block_time()
    {
        var rule = Requests("offender", 1);
        var offender = new OffenderPolicy("caller-1", Refusals: 3, Window: Minute, Block: TimeSpan.FromMinutes(5));
        Assert.True((await Store.CheckAsync([rule], RateLimitMode.Consume, offender, CancellationToken.None)).Allowed);
        for (var i = 0; i < 3; i++) Assert.False((await Store.CheckAsync([rule], RateLimitMode.Consume, offender, CancellationToken.None)).Allowed);

        // Refilled, but blocked all the same. (Block and refusal windows are Redis key expiries, so on Redis they
        // run on real time; the fake clock is not moved here.)
        await Store.CheckAsync([rule], RateLimitMode.Force, null, CancellationToken.None);
        var blocked = await Store.CheckAsync([rule with { Key = "other" }], RateLimitMode.Consume, offender, CancellationToken.None);

        Assert.False(blocked.Allowed);
        Assert.True(blocked.Blocked);
        Assert.InRange(await Store.BlockedForAsync("caller-1", CancellationToken.None), TimeSpan.FromMinutes(4.9), TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.Zero, await Store.BlockedForAsync("caller-2", CancellationToken.None));
    }
}

/// <summary>The in-memory fallback, as a unit under a fake clock.</summary>
public sealed class RateLimitInMemoryTests : RateLimitSemantics
{
    public RateLimitInMemoryTests() =>
        Store = new InMemoryRateLimiter(Microsoft.Extensions.Options.Options.Create(new RateLimitOptions()), Time);

    protected override IRateLimitStore Store { get; }
}
