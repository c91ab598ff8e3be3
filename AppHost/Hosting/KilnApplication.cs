using System.Runtime.InteropServices;
using Kiln.AppHost.Hosting.Networking;
using Kiln.AppHost.Hosting.Output;
using Kiln.AppHost.Hosting.State;
using Microsoft.Extensions.Configuration;

namespace Kiln.AppHost.Hosting;

/// <summary>
/// A built AppHost: starts the servers, then the services, reports them in a table, and stops
/// everything in reverse order. <see cref="RunAsync"/> is the command-line life cycle; tests use
/// <see cref="StartAsync"/> and <see cref="DisposeAsync"/>.
/// </summary>
public sealed class KilnApplication : IAsyncDisposable
{
    private readonly KilnAppOptions options;
    private readonly IConfiguration configuration;
    private readonly LauncherConsole console;
    private readonly TimeProvider time;
    private readonly IReadOnlyList<Secret> secrets;
    private readonly SemaphoreSlim lifecycle = new(1, 1);
    private readonly CancellationTokenSource stoppingServices = new();
    private ResourceContext? context;
    private StateDirectory? state;
    private ResourceTableReporter? reporter;
    private HttpClient? http;

    internal KilnApplication(KilnAppOptions options, IConfiguration configuration, LauncherConsole console, TimeProvider time, IReadOnlyList<Resource> resources, IReadOnlyList<Secret> secrets)
    {
        this.options = options;
        this.configuration = configuration;
        this.console = console;
        this.time = time;
        this.secrets = secrets;
        Resources = resources;
    }

    public IReadOnlyList<Resource> Resources { get; }

    /// <summary>From the first step of <see cref="StartAsync"/> until every resource was ready (or given up on).</summary>
    public TimeSpan? StartupDuration { get; private set; }

    /// <summary>The state folder in use; known once started.</summary>
    public string? StateDirectoryPath => state?.Root;

    public Resource GetResource(string name) =>
        Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no resource named {name}", nameof(name));

    /// <summary>A service's base address, e.g. http://127.0.0.1:5100/.</summary>
    public Uri GetEndpoint(string serviceName) =>
        GetResource(serviceName) as ServiceResource is { } service ? service.Endpoint : throw new ArgumentException($"{serviceName} is not a service", nameof(serviceName));

    /// <summary>What services get as <c>ConnectionStrings__{name}</c>.</summary>
    public string GetConnectionString(string name) =>
        GetResource(name) as IResourceWithConnectionString is { } server ? server.ConnectionString : throw new ArgumentException($"{name} has no connection string", nameof(name));

    public Secret GetSecret(string name) =>
        secrets.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"no secret named {name}", nameof(name));

    /// <summary>
    /// Starts the servers (in parallel), then the services (in parallel). Throws <see cref="ResourceStartException"/>
    /// when a server cannot start; a service that is not ready within the startup timeout is left Unready.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (context is not null)
                throw new InvalidOperationException("the application was already started");
            var began = time.GetTimestamp();
            context = CreateContext();
            await SweepLeftoversAsync(context, cancellationToken);
            EnsureNoProblems(context);

            foreach (var resource in Resources)
                resource.AllocatePorts(context);
            reporter = new ResourceTableReporter(Resources, console, time);
            foreach (var secret in secrets)
                secret.Resolve(configuration, context.State, console);

            await Task.WhenAll(Resources.Where(r => r is not ServiceResource).Select(r => r.StartAsync(context, cancellationToken)));
            await Task.WhenAll(context.Services.Select(s => s.StartAsync(context, cancellationToken)));

            StartupDuration = time.GetElapsedTime(began);
            reporter.PrintIfChanged();
            ReportReadiness();
        }
        finally
        {
            lifecycle.Release();
        }
    }

    /// <summary>Stops services (SIGTERM, then SIGKILL after the shutdown timeout), then servers in reverse order.</summary>
    public async Task StopAsync()
    {
        await lifecycle.WaitAsync();
        try
        {
            if (context is null)
                return;
            await Task.WhenAll(context.Services.Select(s => s.StopAsync(context, force: false)));
            foreach (var server in Resources.Where(r => r is not ServiceResource).Reverse())
                await server.StopAsync(context, force: false);
            reporter?.PrintIfChanged();
            reporter?.Dispose();
            context.Leftovers.Forget();
            http?.Dispose();
            state?.Dispose();
            context = null;
        }
        finally
        {
            lifecycle.Release();
        }
    }

    /// <summary>Stops one service and keeps it stopped (no crash restart) until <see cref="StartServiceAsync"/>; for drills and tests.</summary>
    public Task StopServiceAsync(string serviceName) =>
        RunningService(serviceName).HoldAsync(context!);

    /// <summary>Starts a service stopped by <see cref="StopServiceAsync"/> again; returns once it answers /health/ready or after the startup timeout.</summary>
    public async Task StartServiceAsync(string serviceName)
    {
        var service = RunningService(serviceName);
        service.Release();
        var released = time.GetTimestamp();
        while (service.State != ResourceState.Running && time.GetElapsedTime(released) < options.StartupTimeout)
            await Task.Delay(TimeSpan.FromMilliseconds(100), time);
    }

    private ServiceResource RunningService(string serviceName) =>
        context is null ? throw new InvalidOperationException("the application is not started")
        : GetResource(serviceName) as ServiceResource ?? throw new ArgumentException($"{serviceName} is not a service", nameof(serviceName));

    /// <summary>
    /// Starts everything and runs until Ctrl+C (exit code 130) or SIGTERM (143); a second signal kills
    /// what is still running. A resource that cannot start gives one line and exit code 1.
    /// </summary>
    public async Task<int> RunAsync()
    {
        var stopRequested = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var startup = new CancellationTokenSource();
        var signals = 0;
        void OnSignal(PosixSignalContext signal, int exitCode)
        {
            signal.Cancel = true;
            if (Interlocked.Increment(ref signals) == 1)
            {
                console.Info($"{signal.Signal} received: stopping everything (again to kill at once)");
                stopRequested.TrySetResult(exitCode);
                startup.Cancel();
            }
            else
            {
                console.Info($"{signal.Signal} received again: killing everything");
                _ = KillAsync();
            }
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, s => OnSignal(s, 130));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, s => OnSignal(s, 143));

        try
        {
            await StartAsync(startup.Token);
        }
        catch (OperationCanceledException) when (startup.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is ResourceStartException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            foreach (var line in e.Message.Split('\n'))
                console.Info(line);
            await StopAsync();
            return 1;
        }

        var code = await stopRequested.Task;
        await StopAsync();
        console.Info("stopped");
        return code;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        lifecycle.Dispose();
        stoppingServices.Dispose();
    }

    /// <summary>Second Ctrl+C: kill every process now; the graceful stop still running then finishes at once.</summary>
    private async Task KillAsync()
    {
        if (context is { } current)
            await Task.WhenAll(Resources.Select(r => r.StopAsync(current, force: true)));
    }

    private ResourceContext CreateContext()
    {
        options.EnsureValid();
        var layout = new Lazy<RepositoryLayout>(() => RepositoryLayout.Discover(options));
        state = StateDirectory.Open(options.StateDirectory ?? Path.Combine(layout.Value.Root, ".kiln"));
        http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        return new ResourceContext
        {
            Options = options,
            Configuration = configuration,
            Console = console,
            Time = time,
            Ports = new PortAllocator(),
            State = state,
            Leftovers = new LeftoverProcesses(Path.Combine(state.Root, "processes")),
            Layout = layout,
            Http = http,
            Stopping = stoppingServices,
            Services = [.. Resources.OfType<ServiceResource>()],
        };
    }

    private async Task SweepLeftoversAsync(ResourceContext current, CancellationToken cancellationToken)
    {
        var found = await current.Leftovers.SweepAsync(cancellationToken);
        if (found > 0)
            console.Info($"stopped {found} processes left running by an AppHost that did not stop cleanly");
    }

    private void EnsureNoProblems(ResourceContext current)
    {
        var problems = Resources.SelectMany(r => r.Problems(current)).ToList();
        if (problems.Count > 0)
            throw new ResourceStartException(string.Join('\n', problems));
    }

    private void ReportReadiness()
    {
        var seconds = StartupDuration!.Value.TotalSeconds;
        var unready = context!.Services.Where(s => s.State != ResourceState.Running).Select(s => s.Name).ToList();
        console.Info(unready.Count == 0
            ? $"all resources ready in {seconds:0.0}s"
            : $"started in {seconds:0.0}s; not ready: {string.Join(", ", unready)} (see their output above)");
    }
}
