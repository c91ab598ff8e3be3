using System.Diagnostics.CodeAnalysis;
using Kiln.Testing.Servers;

namespace Kiln.Monitoring.Tests;

/// <summary>
/// Real PostgreSQL and RabbitMQ, one stand-in service ("svc-a") whose readiness tests flip, a test bus, and one
/// Monitoring instance polling them, shared by the collection (tests use their own service names to stay apart).
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync")]
public sealed class MonitoringFixture : IAsyncLifetime
{
    public const string AdminToken = "monitoring-test-admin-token-0123456789";
    public const string FlippableName = "svc-a";

    private MonitoringInstance? monitoring;
    private FlippableService? service;
    private BusObserver? bus;

    public PostgresServerFixture Postgres { get; } = new();
    public RabbitMqServerFixture RabbitMq { get; } = new();

    public MonitoringInstance Monitoring => monitoring ?? throw new InvalidOperationException("not started");
    public FlippableService Service => service ?? throw new InvalidOperationException("not started");
    public BusObserver Bus => bus ?? throw new InvalidOperationException("not started");

    /// <summary>What Monitoring gets here; tests starting another instance may add or override keys.</summary>
    public Dictionary<string, string?> Settings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = Postgres.ConnectionString,
            ["ConnectionStrings:rabbitmq"] = RabbitMq.ConnectionString,
            ["Admin:Token"] = AdminToken,
            ["services:monitoring:http:0"] = "http://127.0.0.1:5300",
            // The loops stay still on the fake clock; tests poll and evaluate themselves.
            ["Monitoring:Interval"] = "01:00:00",
            ["Monitoring:CheckTimeout"] = "00:00:02",
            ["Monitoring:FailuresBeforeDown"] = "3",
            ["Monitoring:SuccessesBeforeUp"] = "2",
            ["Monitoring:Rules:EvaluationInterval"] = "00:10:00",
            ["Monitoring:Rules:InferenceLatency:ThresholdMs"] = "1000",
            ["Monitoring:Rules:InferenceLatency:MinimumSamples"] = "5",
            ["Monitoring:Rules:QueueWait:ThresholdMs"] = "1000",
            ["Monitoring:Rules:QueueWait:MinimumSamples"] = "5",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Postgres.InitializeAsync(), RabbitMq.InitializeAsync());
        service = await FlippableService.StartAsync();
        bus = await BusObserver.StartAsync(RabbitMq.ConnectionString);
        monitoring = await MonitoringInstance.StartAsync(Settings(new Dictionary<string, string?>
        {
            [$"services:{FlippableName}:http:0"] = service.Address.ToString().TrimEnd('/'),
        }));
    }

    public async Task DisposeAsync()
    {
        if (monitoring is not null) await monitoring.DisposeAsync();
        if (bus is not null) await bus.DisposeAsync();
        if (service is not null) await service.DisposeAsync();
        await Task.WhenAll(Postgres.DisposeAsync(), RabbitMq.DisposeAsync());
    }
}

[CollectionDefinition(Name)]
public sealed class MonitoringCollection : ICollectionFixture<MonitoringFixture>
{
    public const string Name = "monitoring system";
}
