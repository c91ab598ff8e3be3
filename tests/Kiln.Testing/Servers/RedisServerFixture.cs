using Kiln.AppHost.Hosting;

namespace Kiln.Testing.Servers;

/// <summary>A private redis-server; <see cref="ServerFixture.ConnectionString"/> is StackExchange.Redis format (127.0.0.1:PORT).</summary>
public sealed class RedisServerFixture : ServerFixture
{
    private protected override IResourceWithConnectionString AddServer(KilnAppBuilder builder) => builder.AddRedis("redis");
}
