using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiln.Monitoring.Tests;

/// <summary>A stand-in service on loopback Kestrel whose /health/ready answers 200 or 503 as the test sets it.</summary>
public sealed class FlippableService : IAsyncDisposable
{
    private readonly WebApplication app;
    private volatile bool ready = true;

    private FlippableService(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public bool Ready
    {
        get => ready;
        set => ready = value;
    }

    public static async Task<FlippableService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FlippableService? service = null;
        app.MapGet("/health/ready", () => service!.Ready ? Results.Ok("Healthy") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        service = new FlippableService(app, new Uri(address));
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
