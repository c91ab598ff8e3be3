using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kiln.Bench.AlertLatency.Faults;

/// <summary>A stand-in service on loopback whose /health/ready answers 200 or 503 as told.</summary>
public sealed class ReadyEndpointServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private volatile bool ready = true;

    private ReadyEndpointServer(WebApplication app) => this.app = app;

    public bool Ready
    {
        get => ready;
        set => ready = value;
    }

    public static async Task<ReadyEndpointServer> StartAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ReadyEndpointServer(app);
        app.MapGet("/health/ready", () => server.Ready ? Results.Ok("Healthy") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        await app.StartAsync(cancellationToken);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
