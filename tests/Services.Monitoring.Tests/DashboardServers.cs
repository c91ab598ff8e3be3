using System.Diagnostics.CodeAnalysis;
using Kiln.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Monitoring.Tests;

/// <summary>The real PostgreSQL and RabbitMQ the Monitoring service needs, shared by the dashboard tests.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync")]
public sealed class DashboardServers : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    public PostgresServerFixture Postgres { get; } = new();
    public RabbitMqServerFixture RabbitMq { get; } = new();

    public Task InitializeAsync() => Task.WhenAll(Postgres.InitializeAsync(), RabbitMq.InitializeAsync());

    public Task DisposeAsync() => Task.WhenAll(Postgres.DisposeAsync(), RabbitMq.DisposeAsync());

    /// <summary>A Monitoring instance on a free loopback port, with the dashboard password unless overridden.</summary>
    public Task<DashboardInstance> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = Postgres.ConnectionString,
            ["ConnectionStrings:rabbitmq"] = RabbitMq.ConnectionString,
            ["Monitoring:DashboardPassword"] = Password,
            ["Monitoring:DashboardLoginAttemptsPerMinute"] = "1000",
            ["Admin:Token"] = "dashboard-test-admin-token",
            // Nothing listens there: the history page must say the Api is unreachable.
            ["services:api:http:0"] = "http://127.0.0.1:9",
            ["services:inference:http:0"] = "http://127.0.0.1:9",
            ["services:alerts:http:0"] = "http://127.0.0.1:9",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        return DashboardInstance.StartAsync(all, services);
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardServers>
{
    public const string Name = "dashboard";
}
