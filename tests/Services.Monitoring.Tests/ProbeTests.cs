using Kiln.Monitoring.HealthChecks;
using Kiln.ServiceDefaults.Messaging;
using Kiln.Testing;
using Kiln.Testing.Servers;
using Npgsql;

namespace Kiln.Monitoring.Tests;

/// <summary>Each probe against its real server, and against a port where nothing listens.</summary>
[Collection(MonitoringCollection.Name)]
public sealed class ProbeTests(MonitoringFixture fixture, RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Redis_probe_pings_a_live_server_and_fails_on_a_closed_port()
    {
        await using var live = new RedisProbe(redis.ConnectionString, Timeout);
        await live.CheckAsync(CancellationToken.None);

        await using var closed = new RedisProbe($"127.0.0.1:{FreePort.Next()}", Timeout);
        await Assert.ThrowsAnyAsync<Exception>(() => closed.CheckAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Postgres_probe_selects_one_and_fails_on_a_closed_port()
    {
        await using var live = new PostgresProbe(NpgsqlDataSource.Create(fixture.Postgres.ConnectionString));
        await live.CheckAsync(CancellationToken.None);

        var closedConnection = new NpgsqlConnectionStringBuilder(fixture.Postgres.ConnectionString) { Port = FreePort.Next(), Timeout = 2 };
        await using var closed = new PostgresProbe(NpgsqlDataSource.Create(closedConnection));
        await Assert.ThrowsAnyAsync<Exception>(() => closed.CheckAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RabbitMq_probe_logs_in_and_fails_with_a_wrong_password()
    {
        var endpoint = RabbitMqEndpoint.Parse(fixture.RabbitMq.ConnectionString);
        await using var live = new RabbitMqProbe(endpoint, Timeout);
        await live.CheckAsync(CancellationToken.None);

        await using var refused = new RabbitMqProbe(endpoint with { Password = "wrong-password" }, Timeout);
        await Assert.ThrowsAnyAsync<Exception>(() => refused.CheckAsync(CancellationToken.None));
    }
}
