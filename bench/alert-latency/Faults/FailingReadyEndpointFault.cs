namespace Kiln.Bench.AlertLatency.Faults;

/// <summary>A service whose /health/ready starts answering 503 (the process stays up).</summary>
public sealed class FailingReadyEndpointFault(string target, ReadyEndpointServer server) : IFault
{
    public string Name => "ready-503";

    public string Rule => "service-down";

    public bool ResolveBetweenRuns => true;

    public string AlertService(int run) => target;

    public Task InjectAsync(int run, CancellationToken cancellationToken)
    {
        server.Ready = false;
        return Task.CompletedTask;
    }

    public Task RestoreAsync(CancellationToken cancellationToken)
    {
        server.Ready = true;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
