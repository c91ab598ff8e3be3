using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Kiln.Api.Redis;

/// <summary>Ready when Redis answers PING.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis, ConfigurationOptions options) : IHealthCheck
{
    public static string Describe(ConfigurationOptions options) => string.Join(",", options.EndPoints.Select(e => e.ToString()));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var where = Describe(options);
        if (!redis.IsConnected) return HealthCheckResult.Unhealthy($"Redis at {where} is unreachable.");
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"Redis at {where} answered PING in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Redis at {where} did not answer PING: {ex.Message}");
        }
    }
}
