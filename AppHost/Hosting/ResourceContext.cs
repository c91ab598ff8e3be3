using Kiln.AppHost.Hosting.Networking;
using Kiln.AppHost.Hosting.Output;
using Kiln.AppHost.Hosting.State;
using Microsoft.Extensions.Configuration;

namespace Kiln.AppHost.Hosting;

/// <summary>What every resource needs while it starts and stops.</summary>
internal sealed class ResourceContext
{
    public required KilnAppOptions Options { get; init; }
    public required IConfiguration Configuration { get; init; }
    public required LauncherConsole Console { get; init; }
    public required TimeProvider Time { get; init; }
    public required PortAllocator Ports { get; init; }
    public required StateDirectory State { get; init; }
    public required LeftoverProcesses Leftovers { get; init; }
    public required Lazy<RepositoryLayout> Layout { get; init; }
    public required HttpClient Http { get; init; }

    /// <summary>Cancelled when the services are being stopped, so none of them is restarted meanwhile.</summary>
    public required CancellationTokenSource Stopping { get; init; }

    /// <summary>All services, so each one can be told every service's address.</summary>
    public required IReadOnlyList<ServiceResource> Services { get; init; }
}
