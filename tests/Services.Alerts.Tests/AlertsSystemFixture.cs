using System.Diagnostics.CodeAnalysis;
using Kiln.Testing.Servers;
using Npgsql;

namespace Kiln.Alerts.Tests;

/// <summary>Real PostgreSQL and RabbitMQ for the collection; each test gets its own database.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync")]
public sealed class AlertsSystemFixture : IAsyncLifetime
{
    public const string AdminToken = "alerts-test-admin-token-0123456789";

    public PostgresServerFixture Postgres { get; } = new();
    public RabbitMqServerFixture RabbitMq { get; } = new();

    public Task InitializeAsync() => Task.WhenAll(Postgres.InitializeAsync(), RabbitMq.InitializeAsync());

    public Task DisposeAsync() => Task.WhenAll(Postgres.DisposeAsync(), RabbitMq.DisposeAsync());

    /// <summary>
    /// Drops the alerts schema (the role may not create databases), so alerts, groups and the outbox of one test
    /// do not leak into the next; the next instance migrates it again. Tests of the collection run one at a time.
    /// </summary>
    public async Task<string> CreateDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("DROP SCHEMA IF EXISTS alerts CASCADE", connection);
        await command.ExecuteNonQueryAsync();
        return Postgres.ConnectionString;
    }

    /// <summary>Settings for an instance with short timers (200 ms group_wait/group_interval, 50 ms poll).</summary>
    public Dictionary<string, string?> Settings(string database) => new()
    {
        ["ConnectionStrings:postgres"] = database,
        ["ConnectionStrings:rabbitmq"] = RabbitMq.ConnectionString,
        ["Admin:Token"] = AdminToken,
        ["Alerts:PollInterval"] = "00:00:00.050",
        ["Alerts:Route:GroupBy:0"] = "alertname",
        ["Alerts:Route:GroupBy:1"] = "service",
        ["Alerts:Route:GroupWait"] = "00:00:00.200",
        ["Alerts:Route:GroupInterval"] = "00:00:00.200",
        ["Alerts:Route:RepeatInterval"] = "01:00:00",
        ["Alerts:Delivery:RetryAttempts"] = "1",
        ["Alerts:Delivery:RetryDelay"] = "00:00:00.020",
        ["Alerts:Delivery:Backoff"] = "00:00:00.100",
        ["Alerts:Delivery:MaxBackoff"] = "00:00:00.300",
        ["Alerts:Delivery:BreakSampling"] = "00:00:02",
        ["Alerts:Delivery:BreakDuration"] = "00:00:00.500",
    };
}

[CollectionDefinition(Name)]
public sealed class AlertsSystemCollection : ICollectionFixture<AlertsSystemFixture>
{
    public const string Name = "alerts system";
}
