using StackExchange.Redis;

namespace Kiln.Monitoring.HealthChecks;

/// <summary>A PING over one long-lived multiplexer (it reconnects by itself after an outage).</summary>
public sealed class RedisProbe(string connectionString, TimeSpan timeout) : IHealthProbe
{
    private readonly SemaphoreSlim connecting = new(1, 1);
    private ConnectionMultiplexer? redis;

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var connection = redis ?? await ConnectAsync(cancellationToken);
        if (!connection.IsConnected) throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "not connected");
        await connection.GetDatabase().PingAsync().WaitAsync(cancellationToken);
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        await connecting.WaitAsync(cancellationToken);
        try
        {
            if (redis is not null) return redis;
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = (int)timeout.TotalMilliseconds;
            options.SyncTimeout = (int)timeout.TotalMilliseconds;
            options.AsyncTimeout = (int)timeout.TotalMilliseconds;
            return redis = await ConnectionMultiplexer.ConnectAsync(options);
        }
        finally
        {
            connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (redis is not null) await redis.DisposeAsync();
        connecting.Dispose();
    }
}
