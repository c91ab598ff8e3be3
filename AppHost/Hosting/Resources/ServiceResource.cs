using Kiln.AppHost.Hosting.Networking;
using Kiln.AppHost.Hosting.Processes;
using Kiln.AppHost.Hosting.State;

namespace Kiln.AppHost.Hosting;

/// <summary>
/// A Kiln service run from its build output (<c>dotnet Services.X.dll</c>) with the Aspire configuration
/// contract; ready when <c>GET /health/ready</c> answers 200; restarted with backoff when it crashes.
/// </summary>
public sealed class ServiceResource(string name, string projectName, int defaultPort) : Resource(name)
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(200);
    private readonly List<IResourceWithConnectionString> references = [];
    private readonly List<Secret> secrets = [];
    private readonly List<string> configurationSections = [];
    private readonly TaskCompletionSource firstReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task supervisor = Task.CompletedTask;
    private volatile ChildProcess? process;
    private volatile TaskCompletionSource? held;
    private string? assembly;

    /// <summary>Project folder and assembly name, e.g. Services.Api.</summary>
    public string ProjectName { get; } = projectName;

    public int DefaultPort { get; } = defaultPort;

    public int Port { get; private set; }

    /// <summary>Base address, e.g. http://127.0.0.1:5100/.</summary>
    public Uri Endpoint => Port == 0
        ? throw new InvalidOperationException($"{Name} has no port before the application starts")
        : new Uri($"http://127.0.0.1:{Port}/");

    public override string? Url => Port == 0 ? null : $"http://127.0.0.1:{Port}";

    /// <summary>OpenTelemetry service.instance.id; stays the same across restarts.</summary>
    public string InstanceId { get; } = $"{name}-{StateDirectory.NewSecret(4)}";

    internal IReadOnlyList<IResourceWithConnectionString> References => references;

    internal IReadOnlyList<Secret> Secrets => secrets;

    internal IReadOnlyList<string> ConfigurationSections => configurationSections;

    /// <summary>Gives the service <c>ConnectionStrings__{name}</c> of that resource.</summary>
    public ServiceResource WithReference(IResourceWithConnectionString resource)
    {
        references.Add(resource);
        return this;
    }

    /// <summary>Gives the service the secret under its configuration key.</summary>
    public ServiceResource WithSecret(Secret secret)
    {
        secrets.Add(secret);
        return this;
    }

    /// <summary>Passes every key under these sections (or these keys) of the AppHost's configuration through, e.g. "Monitoring".</summary>
    public ServiceResource WithConfigurationSection(params string[] sections)
    {
        configurationSections.AddRange(sections);
        return this;
    }

    internal override IEnumerable<string> Problems(ResourceContext context)
    {
        assembly = context.Layout.Value.ProjectAssembly(ProjectName);
        if (!File.Exists(assembly))
            yield return $"{Path.GetFileName(assembly)} not found in {Path.GetDirectoryName(assembly)}: build first (dotnet build Kiln.slnx -c {context.Layout.Value.BuildConfiguration})";
    }

    internal override void AllocatePorts(ResourceContext context) => Port = TakePort(context, DefaultPort);

    /// <summary>Returns once the service is ready, or once the startup timeout passed (state Unready; still watched).</summary>
    internal override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        var spec = new ProcessSpec(RepositoryLayout.DotnetHost, [assembly!])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly),
            InheritEnvironment = false,
            Environment = ServiceEnvironment.For(this, context.Services, context.Configuration, context.Options.Environment, Environment.GetEnvironmentVariable),
        };
        supervisor = SuperviseAsync(context, spec, context.Stopping.Token);
        var timeout = Task.Delay(context.Options.StartupTimeout, context.Time, cancellationToken);
        if (await Task.WhenAny(firstReady.Task, timeout) == timeout)
        {
            await timeout; // throws when the start was cancelled
            context.Console.Line(Name, $"not ready after {context.Options.StartupTimeout.TotalSeconds:0}s; still waiting for /health/ready");
            if (State == ResourceState.Starting)
                SetState(ResourceState.Unready);
        }
    }

    internal override async Task StopAsync(ResourceContext context, bool force)
    {
        if (process is null && State == ResourceState.Pending)
            return;
        // ends every service's supervisor: services are only ever stopped all together
        await context.Stopping.CancelAsync();
        await supervisor;
        SetState(ResourceState.Stopping);
        if (process is { HasExited: false } last)
        {
            var exitCode = force
                ? await last.KillAsync()
                : await last.StopAsync(UnixSignal.Terminate, context.Options.ShutdownTimeout, context.Time);
            context.Console.Line(Name, $"stopped with exit code {exitCode}");
        }
        SetState(ResourceState.Stopped, null);
    }

    /// <summary>Stops this one service (SIGTERM, then SIGKILL after the shutdown timeout) and keeps it stopped until <see cref="Release"/>.</summary>
    internal async Task HoldAsync(ResourceContext context)
    {
        held ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (process is { HasExited: false } running)
            await running.StopAsync(UnixSignal.Terminate, context.Options.ShutdownTimeout, context.Time);
        while (State is not (ResourceState.Stopped or ResourceState.Stopping))
            await Task.Delay(ProbeInterval, context.Time);
    }

    /// <summary>Lets the supervisor start the service again after <see cref="HoldAsync"/>.</summary>
    internal void Release() => Interlocked.Exchange(ref held, null)?.TrySetResult();

    /// <summary>Runs the service until stopped: start, wait ready, wait exit, back off, start again.</summary>
    private async Task SuperviseAsync(ResourceContext context, ProcessSpec spec, CancellationToken stopToken)
    {
        var backoff = new RestartBackoff(context.Options.RestartDelay, context.Options.MaxRestartDelay, stableAfter: TimeSpan.FromMinutes(1));
        try
        {
            while (true)
            {
                if (held is { } hold)
                {
                    SetState(ResourceState.Stopped, null);
                    await hold.Task.WaitAsync(stopToken);
                }
                var startedAt = context.Time.GetTimestamp();
                var child = ChildProcess.Start(spec, line => context.Console.Line(Name, line));
                process = child;
                context.Leftovers.Remember(child.Pid);
                SetState(ResourceState.Starting, child.Pid);

                if (await WaitReadyAsync(context, child, stopToken))
                {
                    SetState(ResourceState.Running);
                    firstReady.TrySetResult();
                }
                var exitCode = await child.Exited.WaitAsync(stopToken);
                if (held is not null)
                {
                    context.Console.Line(Name, $"stopped by the operator with exit code {exitCode}");
                    backoff = new RestartBackoff(context.Options.RestartDelay, context.Options.MaxRestartDelay, stableAfter: TimeSpan.FromMinutes(1));
                    continue;
                }

                var delay = backoff.NextDelay(context.Time.GetElapsedTime(startedAt));
                context.Console.Line(Name, $"exited with code {exitCode}; restarting in {delay.TotalSeconds:0.#}s");
                SetState(ResourceState.Restarting, null);
                await Task.Delay(delay, context.Time, stopToken);
            }
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            // stopping: StopAsync takes care of the process
        }
    }

    /// <summary>True once /health/ready answers 200; false when the process exited first.</summary>
    private async Task<bool> WaitReadyAsync(ResourceContext context, ChildProcess child, CancellationToken stopToken)
    {
        var ready = new Uri(Endpoint, "health/ready");
        while (!child.HasExited)
        {
            if (await Readiness.AnswersOkAsync(context.Http, ready, stopToken))
                return true;
            await Task.Delay(ProbeInterval, context.Time, stopToken);
        }
        return false;
    }
}
