using Kiln.Api.History;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Api.Tests;

/// <summary>
/// One Services.Api instance as its Program.cs builds it, served by Kestrel on a free loopback port.
/// The factory is keyed on a Services.Api type rather than <c>Program</c>, which AppHost (referenced through
/// Kiln.Testing) also declares.
/// </summary>
public sealed class ApiInstance : IAsyncDisposable
{
    private readonly WebApplicationFactory<RequestOutcome> factory;

    private ApiInstance(WebApplicationFactory<RequestOutcome> factory, Uri address)
    {
        this.factory = factory;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => factory.Services;

    /// <summary>Waits (at most 30 s) until /health/ready answers 200: migrations applied, dependencies reachable.</summary>
    public async Task WaitUntilReadyAsync()
    {
        using var client = CreateClient();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var ready = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
            if (ready.IsSuccessStatusCode) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"the Api at {Address} was not ready within 30 s");
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    internal static Task<ApiInstance> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var factory = new WebApplicationFactory<RequestOutcome>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            // Settings, not ConfigureAppConfiguration: Program reads connection strings before Build().
            web.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            foreach (var (key, value) in settings) web.UseSetting(key, value);
        });
        factory.UseKestrel();
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return Task.FromResult(new ApiInstance(factory, new Uri(addresses.Addresses.Single() + "/")));
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();
}
