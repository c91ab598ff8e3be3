using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Kiln.Api.Redis;

/// <summary>
/// Healthy when Redis answers PING; degraded, not unhealthy, when it does not: the API still serves, with rate
/// limits kept per instance in memory until Redis is back.
/// </summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis, ConfigurationOptions options) : IHealthCheck
{
    public static string Describe(ConfigurationOptions options) => string.Join(",", options.EndPoints.Select(e => e.ToString()));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var where = Describe(options);
        if (!redis.IsConnected) return HealthCheckResult.Degraded($"Redis at {where} is unreachable; rate limits are per instance (in memory).");
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"Redis at {where} answered PING in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded($"Redis at {where} did not answer PING ({ex.Message}); rate limits are per instance (in memory).");
        }
    }
}
