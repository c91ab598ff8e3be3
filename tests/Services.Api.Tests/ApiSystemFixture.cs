using System.Diagnostics.CodeAnalysis;
using Kiln.Inference;
using Kiln.Inference.Hosting;
using Kiln.Inference.Ping;
using Kiln.ServiceDefaults.Messaging;
using Kiln.Testing;
using Kiln.Testing.Models;
using Kiln.Testing.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Api.Tests;

/// <summary>
/// What the API needs, for real: Redis, PostgreSQL, RabbitMQ, and an inference instance (in-process,
/// wired as its Program.cs wires it) serving a generated tiny model as <see cref="ModelName"/>.
/// API instances are started per test class with <see cref="StartApiAsync"/>.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync")]
public sealed class ApiSystemFixture : IAsyncLifetime
{
    public const string ModelName = "kiln-test";
    public const string AdminToken = "test-admin-token-0123456789";

    private readonly TestStateDirectory state = new();
    private WebApplication? inference;

    public RedisServerFixture Redis { get; } = new();
    public PostgresServerFixture Postgres { get; } = new();
    public RabbitMqServerFixture RabbitMq { get; } = new();

    public WebApplication Inference => inference ?? throw new InvalidOperationException("inference is not started");

    /// <summary>Starts one API instance on a free loopback port; dispose it at the end of the test or class.</summary>
    public Task<ApiInstance> StartApiAsync(IDictionary<string, string?>? settings = null) =>
        ApiInstance.StartAsync(BaseSettings().Concat(settings ?? new Dictionary<string, string?>()));

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Redis.InitializeAsync(), Postgres.InitializeAsync(), RabbitMq.InitializeAsync());
        inference = await StartInferenceAsync(TinyModel.WriteTo(Path.Combine(state.Path, "models")));
    }

    public async Task DisposeAsync()
    {
        if (inference is not null)
        {
            await inference.StopAsync();
            await inference.DisposeAsync();
        }
        await Task.WhenAll(Redis.DisposeAsync(), Postgres.DisposeAsync(), RabbitMq.DisposeAsync());
        state.Dispose();
    }

    private Dictionary<string, string?> BaseSettings() => new Dictionary<string, string?>
    {
        ["ConnectionStrings:redis"] = Redis.ConnectionString,
        ["ConnectionStrings:postgres"] = Postgres.ConnectionString,
        ["ConnectionStrings:rabbitmq"] = RabbitMq.ConnectionString,
        ["Admin:Token"] = AdminToken,
        // Each instance limits in its own Redis keyspace unless a test shares one on purpose (tests share 127.0.0.1).
        ["RateLimiting:KeyPrefix"] = $"test:{Guid.NewGuid():N}:",
    };

    private async Task<WebApplication> StartInferenceAsync(string modelPath)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = RabbitMq.ConnectionString,
            ["Inference:ModelPath"] = modelPath,
            ["Inference:ModelName"] = ModelName,
            ["Inference:Slots"] = "4",
            ["Inference:ContextSize"] = "1024",
            ["Inference:BatchSize"] = "64",
            ["Inference:Threads"] = "1",
            ["Inference:Backend"] = "Cpu",
        });
        builder.AddKilnMessaging(bus =>
        {
            bus.AddConsumer<PingConsumer>(typeof(PingConsumerDefinition));
            bus.AddInferenceConsumers();
        });
        builder.AddInference();
        var app = builder.Build();
        await app.StartAsync();
        var host = app.Services.GetRequiredService<ModelHost>();
        for (var i = 0; i < 1000 && host.State == ModelState.Loading; i++) await Task.Delay(10);
        if (host.State != ModelState.Ready)
            throw new InvalidOperationException($"inference did not load the test model: {host.State}");
        return app;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiSystemCollection : ICollectionFixture<ApiSystemFixture>
{
    public const string Name = "api system";
}
