using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Alerts.Tests;

/// <summary>
/// One Services.Alerts instance as its Program.cs builds it, on Kestrel at a free loopback port. Keyed on a
/// Services.Alerts type: AppHost (referenced through Kiln.Testing) also declares a <c>Program</c>.
/// </summary>
public sealed class AlertsInstance : IAsyncDisposable
{
    private readonly WebApplicationFactory<AlertsOptions> factory;

    private AlertsInstance(WebApplicationFactory<AlertsOptions> factory, Uri address)
    {
        this.factory = factory;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => factory.Services;

    public HttpClient CreateClient(string? adminToken = AlertsSystemFixture.AdminToken)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (adminToken is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", adminToken);
        return client;
    }

    public static async Task<AlertsInstance> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        // MassTransit keeps its log context in an AsyncLocal: an instance started in the flow of one that was
        // already disposed would pick up that instance's disposed LoggerFactory. Start each in a clean flow.
        Task<AlertsInstance> start;
        using (ExecutionContext.SuppressFlow()) start = Task.Run(() => Start(settings));
        var instance = await start;
        await instance.WaitUntilReadyAsync();
        return instance;
    }

    private static AlertsInstance Start(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var factory = new WebApplicationFactory<AlertsOptions>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            // Settings, not ConfigureAppConfiguration: Program reads connection strings before Build().
            web.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            foreach (var (key, value) in settings) web.UseSetting(key, value);
        });
        factory.UseKestrel();
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return new AlertsInstance(factory, new Uri(addresses.Addresses.Single() + "/"));
    }

    // Until the bus is connected its queues may not exist yet, and a published alert would go nowhere.
    private async Task WaitUntilReadyAsync()
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
            if (response.IsSuccessStatusCode) return;
            last = await response.Content.ReadAsStringAsync();
            await Task.Delay(50);
        }
        throw new TimeoutException($"the alerts instance did not get ready within 30 s: {last}");
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();
}
