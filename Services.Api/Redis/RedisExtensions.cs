using Kiln.ServiceDefaults.Health;
using StackExchange.Redis;

namespace Kiln.Api.Redis;

public static class RedisExtensions
{
    /// <summary>The AppHost's default server, used when no connection string is configured.</summary>
    public const string LocalDefault = "127.0.0.1:6380";

    /// <summary>One shared multiplexer on <c>ConnectionStrings__redis</c> that keeps reconnecting while Redis is down.</summary>
    public static IHostApplicationBuilder AddRedis(this IHostApplicationBuilder builder)
    {
        var options = ConfigurationOptions.Parse(builder.Configuration.GetConnectionString("redis") ?? LocalDefault);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2_000;
        options.ClientName = builder.Configuration["OTEL_SERVICE_NAME"] ?? "kiln-api";

        builder.Services.AddSingleton<IConnectionMultiplexer>(services =>
        {
            var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Kiln.Api.Redis");
            var redis = ConnectionMultiplexer.Connect(options);
            if (!redis.IsConnected) log.LogWarning("Redis at {Endpoint} is unavailable; reconnecting in the background", RedisHealthCheck.Describe(options));
            return redis;
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthTags.Ready]);
        return builder;
    }
}
