using System.Diagnostics.CodeAnalysis;
using Kiln.AppHost.Hosting;
using Xunit;

namespace Kiln.Testing.Servers;

/// <summary>
/// One real server, started with the AppHost's own resource class on a free loopback port in a temp
/// folder; stopped, with its folder deleted, on dispose. Use as an xunit class or collection fixture.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync")]
public abstract class ServerFixture : IAsyncLifetime
{
    private readonly TestStateDirectory state = new();
    private KilnApplication? app;
    private IResourceWithConnectionString? server;

    /// <summary>The server's output (for failure messages).</summary>
    public CapturedOutput Output { get; } = new();

    /// <summary>What a service would get as <c>ConnectionStrings__{name}</c>.</summary>
    public string ConnectionString => (server ?? throw new InvalidOperationException("the server is not started")).ConnectionString;

    /// <summary>The loopback port clients connect to.</summary>
    public int Port => ((ServerResource)server!).Port;

    public async Task InitializeAsync()
    {
        var builder = KilnApp.CreateBuilder(new KilnAppOptions { StateDirectory = state.Path, FreePorts = true });
        builder.Console = Output.Console;
        server = AddServer(builder);
        app = builder.Build();
        try
        {
            await app.StartAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"{GetType().Name} could not start: {e.Message}\n{Output.Tail()}", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
            await app.DisposeAsync();
        state.Dispose();
    }

    private protected abstract IResourceWithConnectionString AddServer(KilnAppBuilder builder);
}
