using System.Diagnostics.CodeAnalysis;
using Kiln.AppHost;
using Kiln.AppHost.Hosting;
using Kiln.Testing.Models;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Kiln.Testing.System;

/// <summary>
/// The whole Kiln system (three servers, four services) started in-process through the AppHost's
/// launcher, on free ports in a temp folder, the way Aspire's testing builder starts an AppHost.
/// Inference gets a generated tiny model. Services that are not ready within the startup timeout are
/// left Unready for the tests to see.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync")]
public class KilnSystemFixture : IAsyncLifetime
{
    private readonly TestStateDirectory state = new();
    private KilnApplication? app;

    public CapturedOutput Output { get; } = new();

    public KilnApplication App => app ?? throw new InvalidOperationException("the system is not started");

    public string StateDirectory => state.Path;

    /// <summary>The operator token every service was given.</summary>
    public string AdminToken => App.GetSecret("admin-token").Value;

    /// <summary>A client for one service (api, inference, monitoring, alerts).</summary>
    public HttpClient CreateClient(string service) => new() { BaseAddress = App.GetEndpoint(service), Timeout = TimeSpan.FromSeconds(30) };

    public virtual async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Inference:ModelPath", TinyModel.WriteTo(Path.Combine(state.Path, "models")))])
            .AddInMemoryCollection(Settings())
            .Build();
        var builder = KilnApp.CreateBuilder(new KilnAppOptions { StateDirectory = state.Path, FreePorts = true }, configuration);
        builder.Console = Output.Console;
        builder.AddKilnSystem();
        app = builder.Build();
        try
        {
            await app.StartAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"the Kiln system could not start: {e.Message}\n{Output.Tail()}", e);
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (app is not null)
            await app.DisposeAsync();
        state.Dispose();
    }

    /// <summary>AppHost configuration for the run, on top of Inference:ModelPath (a generated tiny model).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => [];
}
