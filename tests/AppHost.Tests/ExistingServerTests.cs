using Kiln.AppHost.Hosting;
using Microsoft.Extensions.Configuration;

namespace Kiln.AppHost.Tests;

public sealed class ExistingServerTests
{
    [Fact]
    public void A_configured_connection_string_replaces_the_private_server()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("ConnectionStrings:redis", "cache.internal:6379")])
            .Build();
        var builder = KilnApp.CreateBuilder(new KilnAppOptions(), configuration);

        var redis = builder.AddRedis("redis");
        var postgres = builder.AddPostgres("postgres");

        Assert.IsType<ExistingServer>(redis);
        Assert.Equal("cache.internal:6379", redis.ConnectionString);
        Assert.IsType<PostgresServer>(postgres);
    }

    [Theory]
    [InlineData("amqp://kiln:s3cret@mq:5672/", "amqp://kiln:***@mq:5672/")]
    [InlineData("Host=db;Username=kiln;Password=s3cret;Database=kiln", "Host=db;Username=kiln;Password=***;Database=kiln")]
    [InlineData("cache:6379,password=s3cret", "cache:6379,password=***")]
    public void The_table_never_shows_a_password(string connectionString, string shown)
    {
        Assert.Equal(shown, new ExistingServer("x", connectionString).Url);
    }
}
