using Kiln.Api.History;
using Kiln.Api.RateLimiting;
using Kiln.Inference;
using Kiln.Inference.Hosting;
using Kiln.ServiceDefaults.Messaging;
using Kiln.Testing;
using Kiln.Testing.Models;
using Kiln.Testing.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kiln.Bench.Api;

/// <summary>Real Redis, PostgreSQL, RabbitMQ (Kiln.Testing fixtures, loopback), inference in-process, one Api on Kestrel.</summary>
internal sealed class BenchSystem : IAsyncDisposable
{
    public const string ModelName = "bench-model";
    public const string AdminToken = "bench-admin-token-0123456789";

    private readonly TestStateDirectory _state = new();
    private readonly RedisServerFixture _redis = new();
    private readonly PostgresServerFixture _postgres = new();
    private readonly RabbitMqServerFixture _rabbit = new();
    private WebApplication? _inference;
    private WebApplicationFactory<RequestOutcome>? _api;

    public WebApplication Inference => _inference!;
    public IServiceProvider ApiServices => _api!.Services;
    public Uri ApiAddress { get; private set; } = null!;
    public string ModelPath { get; private set; } = "";

    public async Task StartAsync(string? modelPath)
    {
        await Task.WhenAll(_redis.InitializeAsync(), _postgres.InitializeAsync(), _rabbit.InitializeAsync());
        ModelPath = modelPath ?? TinyModel.WriteTo(Path.Combine(_state.Path, "models"));
        _inference = await StartInferenceAsync(ModelPath);
        _api = new WebApplicationFactory<RequestOutcome>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            web.UseSetting("ConnectionStrings:redis", _redis.ConnectionString);
            web.UseSetting("ConnectionStrings:postgres", _postgres.ConnectionString);
            web.UseSetting("ConnectionStrings:rabbitmq", _rabbit.ConnectionString);
            web.UseSetting("Admin:Token", AdminToken);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            // The limiters run (their cost is part of what is measured) but never refuse the bench's rate.
            web.UseSetting("RateLimiting:RequestsPerMinutePerIp", "10000000");
            web.UseSetting("RateLimiting:GlobalRequestsPerMinute", "100000000");
            // Before the token limiter of branch api-limits is merged there is none; then this does nothing.
            web.ConfigureServices(services => services.TryAddSingleton<ITokenLimiter, AdmitAll>());
        });
        _api.UseKestrel();
        _api.StartServer();
        var addresses = _api.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        ApiAddress = new Uri(addresses.Addresses.Single() + "/");
    }

    private async Task<WebApplication> StartInferenceAsync(string modelPath)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = _rabbit.ConnectionString,
            ["Inference:ModelPath"] = modelPath,
            ["Inference:ModelName"] = ModelName,
            ["Inference:Slots"] = "4",
            ["Inference:ContextSize"] = "1024",
            ["Inference:Backend"] = "Cpu",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddKilnMessaging(bus => bus.AddInferenceConsumers());
        builder.AddInference();
        var app = builder.Build();
        await app.StartAsync();
        var host = app.Services.GetRequiredService<ModelHost>();
        for (var i = 0; i < 6000 && host.State == ModelState.Loading; i++) await Task.Delay(10);
        if (host.State != ModelState.Ready) throw new InvalidOperationException($"inference did not load {modelPath}: {host.State} {host.Failure}");
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
        if (_inference is not null)
        {
            await _inference.StopAsync();
            await _inference.DisposeAsync();
        }
        await Task.WhenAll(_redis.DisposeAsync(), _postgres.DisposeAsync(), _rabbit.DisposeAsync());
        _state.Dispose();
    }

    private sealed class AdmitAll : ITokenLimiter
    {
        public ValueTask<IResult?> AdmitAsync(HttpContext context, int estimatedTokens, CancellationToken cancellationToken) => ValueTask.FromResult<IResult?>(null);

        public ValueTask SettleAsync(HttpContext context, int actualTokens, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
