using Kiln.Monitoring.Alerting;
using Kiln.Monitoring.Data;
using Kiln.Monitoring.HealthChecks;
using Kiln.ServiceDefaults.Data;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kiln.Monitoring.Tests;

/// <summary>
/// One Services.Monitoring as its Program.cs builds it, on a <see cref="FakeTimeProvider"/> so its background
/// loops stay still and tests drive polls and evaluations. Keyed on a Monitoring type rather than <c>Program</c>,
/// which AppHost (referenced through Kiln.Testing) also declares.
/// </summary>
public sealed class MonitoringInstance : IAsyncDisposable
{
    private readonly WebApplicationFactory<HealthPoller> factory;

    private MonitoringInstance(WebApplicationFactory<HealthPoller> factory, FakeTimeProvider time)
    {
        this.factory = factory;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => factory.Services;

    public HealthPoller Poller => Services.GetRequiredService<HealthPoller>();

    public RuleEvaluator Evaluator => Services.GetRequiredService<RuleEvaluator>();

    public HttpClient CreateClient() => factory.CreateClient();

    public static async Task<MonitoringInstance> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var factory = new WebApplicationFactory<HealthPoller>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            // Settings, not ConfigureAppConfiguration: Program reads connection strings before Build().
            foreach (var (key, value) in settings) web.UseSetting(key, value);
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(time));
        });
        var instance = new MonitoringInstance(factory, time);
        try
        {
            _ = factory.Server;
            await instance.WaitUntilReadyAsync();
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>Schema migrated and every receive endpoint bound: messages published after this are consumed.</summary>
    private async Task WaitUntilReadyAsync()
    {
        var database = Services.GetRequiredService<DatabaseState<MonitoringDbContext>>();
        var bus = Services.GetRequiredService<IBusControl>();
        for (var i = 0; i < 600; i++)
        {
            if (database.IsMigrated && bus.CheckHealth().Status == BusHealthStatus.Healthy) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Monitoring did not become ready in 30 s: database {database.Problem ?? "ok"}, bus {bus.CheckHealth().Description}");
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();
}
