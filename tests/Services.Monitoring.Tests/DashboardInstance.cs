using Kiln.Monitoring.Dashboard;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiln.Monitoring.Tests;

/// <summary>
/// Services.Monitoring as its Program.cs builds it, served by Kestrel on a free loopback port (a real browser
/// can reach it). Keyed on a Monitoring type, since AppHost also declares <c>Program</c>.
/// </summary>
public sealed class DashboardInstance : IAsyncDisposable
{
    private readonly WebApplicationFactory<DashboardOptions> factory;

    private DashboardInstance(WebApplicationFactory<DashboardOptions> factory, Uri address, DashboardLogs logs)
    {
        this.factory = factory;
        Address = address;
        Logs = logs;
    }

    public Uri Address { get; }

    public DashboardLogs Logs { get; }

    public IServiceProvider Services => factory.Services;

    /// <summary>Changes a setting the way a configuration reload does.</summary>
    public void Reconfigure(string key, string? value)
    {
        var configuration = (IConfigurationRoot)Services.GetRequiredService<IConfiguration>();
        configuration[key] = value;
        configuration.Reload();
    }

    internal static async Task<DashboardInstance> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var logs = new DashboardLogs();
        var factory = new WebApplicationFactory<DashboardOptions>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            foreach (var (key, value) in settings) web.UseSetting(key, value);
            web.ConfigureServices(s =>
            {
                s.AddSingleton<ILoggerProvider>(logs);
                services?.Invoke(s);
            });
        });
        factory.UseKestrel();
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        var instance = new DashboardInstance(factory, new Uri(addresses.Addresses.Single() + "/"), logs);
        await instance.WaitUntilReadyAsync();
        return instance;
    }

    /// <summary>Migrations run in the background at start: ready means the tables are there.</summary>
    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await http.GetAsync("health/ready");
            if (response.IsSuccessStatusCode) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Monitoring at {Address} did not become ready: {(int)response.StatusCode}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();
}
