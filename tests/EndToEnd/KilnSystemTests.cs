using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Kiln.AppHost;
using Kiln.AppHost.Hosting;
using Kiln.Testing;
using Kiln.Testing.Models;
using Kiln.Testing.Processes;
using Kiln.Testing.System;

namespace Kiln.EndToEnd;

/// <summary>The walking skeleton: the whole system started by the AppHost, a real round trip through it, a degraded start, and a clean stop.</summary>
public sealed class KilnSystemTests(KilnSystemFixture system) : IClassFixture<KilnSystemFixture>
{
    [Theory]
    [InlineData(KilnSystem.Api)]
    [InlineData(KilnSystem.Inference)]
    [InlineData(KilnSystem.Monitoring)]
    [InlineData(KilnSystem.Alerts)]
    public async Task Every_service_reports_ready(string service)
    {
        using var client = system.CreateClient(service);

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"{service} /health/ready: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{system.Output.Tail()}");
        Assert.Equal(ResourceState.Running, system.App.GetResource(service).State);
    }

    [Fact]
    public async Task Ping_goes_through_RabbitMQ_to_inference_and_back()
    {
        using var client = system.CreateClient(KilnSystem.Api);

        using var response = await client.GetAsync(new Uri("/api/ping", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/api/ping: {(int)response.StatusCode} {body}\n{system.Output.Tail()}");
        using var pong = JsonDocument.Parse(body);
        Assert.Equal("inference", pong.RootElement.GetProperty("service").GetString());
    }

    [Fact]
    public async Task A_crashed_service_is_restarted_and_becomes_ready_again()
    {
        var alerts = system.App.GetResource(KilnSystem.Alerts);
        var crashed = alerts.Pid!.Value;

        Process.GetProcessById(crashed).Kill();
        var deadline = Stopwatch.StartNew();
        while (!(alerts.State == ResourceState.Running && alerts.Pid != crashed) && deadline.Elapsed < TimeSpan.FromSeconds(45))
            await Task.Delay(100);

        Assert.True(alerts.State == ResourceState.Running && alerts.Pid != crashed, $"alerts is {alerts.State} (pid {alerts.Pid})\n{system.Output.Tail()}");
        Assert.Contains("exited with code 137; restarting in 1s", system.Output.Text);
        using var client = system.CreateClient(KilnSystem.Alerts);
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Api_without_RabbitMQ_stays_alive_and_names_the_missing_dependency()
    {
        var closedPort = FreePort.Next();
        using var state = new TestStateDirectory();
        var output = new CapturedOutput();
        var builder = KilnApp.CreateBuilder(new KilnAppOptions { StateDirectory = state.Path, FreePorts = true, StartupTimeout = TimeSpan.FromSeconds(8) });
        builder.Console = output.Console;
        builder.AddService(KilnSystem.Api, "Services.Api", port: 0)
            .WithReference(builder.AddConnectionString("redis", system.App.GetConnectionString("redis")))
            .WithReference(builder.AddConnectionString("postgres", system.App.GetConnectionString("postgres")))
            .WithReference(builder.AddConnectionString("rabbitmq", $"amqp://kiln:wrong@127.0.0.1:{closedPort}/"))
            .WithSecret(builder.AddSecret("admin-token", "Admin:Token"));
        await using var app = builder.Build();

        await app.StartAsync();
        var api = app.GetResource(KilnSystem.Api);
        var firstPid = api.Pid;
        using var client = new HttpClient { BaseAddress = app.GetEndpoint(KilnSystem.Api) };
        using var alive = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var report = await ready.Content.ReadAsStringAsync();

        Assert.True(alive.StatusCode == HttpStatusCode.OK, $"/health: {(int)alive.StatusCode}\n{output.Tail()}");
        Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, $"/health/ready: {(int)ready.StatusCode} {report}\n{output.Tail()}");
        using var json = JsonDocument.Parse(report);
        var rabbitmq = json.RootElement.GetProperty("checks").GetProperty("rabbitmq");
        Assert.NotEqual("healthy", rabbitmq.GetProperty("status").GetString());
        Assert.Contains($"{closedPort}", rabbitmq.GetProperty("description").GetString());
        Assert.Equal(ResourceState.Unready, api.State);
        Assert.Equal(firstPid, api.Pid);
        Assert.NotNull(LinuxProcess.Read(firstPid!.Value));
    }

    [Fact]
    public async Task Sigterm_stops_everything_it_started_and_exits_143()
    {
        using var models = new TestStateDirectory();
        await using var appHost = AppHostProcess.Start(new Dictionary<string, string> { ["Inference__ModelPath"] = TinyModel.WriteTo(models.Path) });
        await appHost.WaitForLineAsync("all resources ready in", TimeSpan.FromSeconds(90));
        var started = appHost.Processes();

        await appHost.SignalAsync("TERM");
        var exitCode = await appHost.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 143, $"exit code {exitCode}\n{appHost.Output}");
        string[] expected = ["redis-server", "postgres", "beam.smp", "epmd", "Services.Api.dll", "Services.Inference.dll", "Services.Monitoring.dll", "Services.Alerts.dll"];
        Assert.All(expected, program => Assert.Contains(started, p => p.CommandLine.Contains(program, StringComparison.Ordinal)));
        Assert.DoesNotContain(started, p => p.IsRunning);
        Assert.Empty(ProcessTree.Mentioning(appHost.StateDirectory));
    }
}
