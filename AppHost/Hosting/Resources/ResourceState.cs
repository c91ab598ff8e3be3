namespace Kiln.AppHost.Hosting;

/// <summary>Where a resource is in its life, as the resource table shows it.</summary>
public enum ResourceState
{
    /// <summary>Not started yet.</summary>
    Pending,
    /// <summary>Process started, not accepting work yet.</summary>
    Starting,
    /// <summary>Accepting work (servers accept connections, services answer /health/ready with 200).</summary>
    Running,
    /// <summary>The service runs but did not become ready within the startup timeout; still watched.</summary>
    Unready,
    /// <summary>The service crashed and waits for its next start.</summary>
    Restarting,
    /// <summary>Being stopped.</summary>
    Stopping,
    /// <summary>Stopped by the launcher.</summary>
    Stopped,
    /// <summary>Could not be started, or a server exited on its own.</summary>
    Failed,
    /// <summary>An existing server given by a connection string; nothing runs here.</summary>
    External,
}
