using Kiln.AppHost.Hosting.Processes;

namespace Kiln.AppHost.Hosting;

/// <summary>A server the launcher runs as a child process on a loopback port (Redis, PostgreSQL, RabbitMQ).</summary>
public abstract class ServerResource(string name, int defaultPort) : Resource(name), IResourceWithConnectionString
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);
    private volatile bool stopping;

    /// <summary>The port clients connect to; 0 until ports are allocated.</summary>
    public int Port { get; private set; }

    public int DefaultPort { get; } = defaultPort;

    public abstract string ConnectionString { get; }

    private protected ChildProcess? Process { get; private set; }

    internal override void AllocatePorts(ResourceContext context) => Port = TakePort(context, DefaultPort);

    /// <summary>Starts the server process and watches it for an exit nobody asked for.</summary>
    private protected void Launch(ResourceContext context, ProcessSpec spec)
    {
        var process = ChildProcess.Start(spec, line => context.Console.Line(Name, line));
        context.Leftovers.Remember(process.Pid);
        Process = process;
        SetState(ResourceState.Starting, process.Pid);
        _ = ReportUnexpectedExitAsync(context, process);
    }

    /// <summary>Polls <paramref name="probe"/> until it says yes; fails fast when the server exits meanwhile.
    /// <paramref name="condition"/> reads like "accepting connections".</summary>
    private protected async Task WaitUntilAsync(ResourceContext context, Func<CancellationToken, Task<bool>> probe, string condition, CancellationToken cancellationToken)
    {
        var timeout = context.Options.StartupTimeout;
        using var deadline = new CancellationTokenSource(timeout, context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            while (true)
            {
                if (Process is { HasExited: true } exited)
                    throw new ResourceStartException($"{Name} exited with code {await exited.Exited} before {condition}; its output is above");
                if (await probe(linked.Token))
                    return;
                await Task.Delay(ProbeInterval, context.Time, linked.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ResourceStartException($"{Name} was not {condition} after {timeout.TotalSeconds:0}s");
        }
    }

    /// <summary>Stops the process with <paramref name="signal"/> (at once when forced) and marks the resource stopped.</summary>
    private protected async Task StopProcessAsync(ResourceContext context, UnixSignal signal, bool force)
    {
        stopping = true;
        if (Process is not { } process)
            return;
        if (process.HasExited)
        {
            // it failed earlier and keeps that state; only helpers it left in its group remain to go
            await process.KillAsync();
            return;
        }
        SetState(ResourceState.Stopping);
        var exitCode = force
            ? await process.KillAsync()
            : await process.StopAsync(signal, context.Options.ShutdownTimeout, context.Time);
        context.Console.Line(Name, $"stopped with exit code {exitCode}");
        SetState(ResourceState.Stopped, null);
    }

    private protected void MarkStopping() => stopping = true;

    private async Task ReportUnexpectedExitAsync(ResourceContext context, ChildProcess process)
    {
        var exitCode = await process.Exited;
        if (stopping)
            return;
        context.Console.Line(Name, $"exited unexpectedly with code {exitCode}");
        SetState(ResourceState.Failed, null);
    }
}
