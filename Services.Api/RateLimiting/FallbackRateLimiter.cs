using StackExchange.Redis;

namespace Kiln.Api.RateLimiting;

/// <summary>
/// Redis while it answers, this instance's memory while it does not; logs each switch once, and goes back to
/// Redis as soon as the multiplexer has reconnected.
/// </summary>
public sealed partial class FallbackRateLimiter(
    RedisRateLimiter redis, InMemoryRateLimiter memory, ILogger<FallbackRateLimiter> logger) : IRateLimitStore
{
    private static readonly TimeSpan RedisTimeout = TimeSpan.FromSeconds(1);
    private int usingMemory;

    /// <summary>True while limits are kept per instance in memory.</summary>
    public bool IsDegraded => Volatile.Read(ref usingMemory) == 1;

    public ValueTask<RateLimitDecision> CheckAsync(IReadOnlyList<RateLimitRule> rules, RateLimitMode mode, OffenderPolicy? offender, CancellationToken cancellationToken) =>
        RunAsync(s => s.CheckAsync(rules, mode, offender, cancellationToken), cancellationToken);

    public ValueTask<RateLimitUsage?> ReadAsync(string key, CancellationToken cancellationToken) =>
        RunAsync(s => s.ReadAsync(key, cancellationToken), cancellationToken);

    public ValueTask<TimeSpan> BlockedForAsync(string subject, CancellationToken cancellationToken) =>
        RunAsync(s => s.BlockedForAsync(subject, cancellationToken), cancellationToken);

    private async ValueTask<T> RunAsync<T>(Func<IRateLimitStore, ValueTask<T>> check, CancellationToken cancellationToken)
    {
        if (redis.IsAvailable)
        {
            try
            {
                var result = await check(redis).AsTask().WaitAsync(RedisTimeout, cancellationToken);
                if (Interlocked.Exchange(ref usingMemory, 0) == 1) LogBackOnRedis(logger);
                return result;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                SwitchToMemory(e.Message);
            }
        }
        else SwitchToMemory("not connected");
        return await check(memory);
    }

    private void SwitchToMemory(string reason)
    {
        if (Interlocked.Exchange(ref usingMemory, 1) == 0) LogFallingBack(logger, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable ({Reason}): rate limits are kept per instance in memory until it is back")]
    private static partial void LogFallingBack(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is back: rate limits are shared again")]
    private static partial void LogBackOnRedis(ILogger logger);
}
