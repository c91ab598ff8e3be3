namespace Kiln.AppHost.Hosting;

/// <summary>Something the AppHost runs or points at: a server, a service, or an existing server.</summary>
public abstract class Resource(string name)
{
    public string Name { get; } = name;

    public ResourceState State { get; private set; } = ResourceState.Pending;

    /// <summary>Process id while a process runs for it.</summary>
    public int? Pid { get; private set; }

    /// <summary>What to show in the URL column (connection address, or the service's base URL).</summary>
    public abstract string? Url { get; }

    /// <summary>Raised after <see cref="State"/> or <see cref="Pid"/> changed.</summary>
    public event Action? Changed;

    /// <summary>One line per thing that stops this resource from starting (missing program, missing build).</summary>
    internal virtual IEnumerable<string> Problems(ResourceContext context) => [];

    /// <summary>Chooses ports before anything starts, so every service can be told every address.</summary>
    internal virtual void AllocatePorts(ResourceContext context) { }

    internal abstract Task StartAsync(ResourceContext context, CancellationToken cancellationToken);

    /// <summary>Stops gracefully, or at once when <paramref name="force"/> is set (second Ctrl+C).</summary>
    internal abstract Task StopAsync(ResourceContext context, bool force);

    private protected void SetState(ResourceState state, int? pid)
    {
        if (State == state && Pid == pid)
            return;
        State = state;
        Pid = pid;
        Changed?.Invoke();
    }

    private protected void SetState(ResourceState state) => SetState(state, Pid);

    /// <summary>The configured or default port, or a free one (said so) when it is taken.</summary>
    private protected int TakePort(ResourceContext context, int defaultPort)
    {
        var preferred = context.Options.FreePorts ? 0 : context.Options.Ports.GetValueOrDefault(Name, defaultPort);
        var choice = context.Ports.Take(preferred);
        if (choice.PreferredWasTaken)
            context.Console.Line(Name, $"port {choice.Preferred} is taken, using {choice.Port}");
        return choice.Port;
    }
}
