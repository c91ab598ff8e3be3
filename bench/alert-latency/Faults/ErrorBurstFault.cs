using Kiln.Contracts;
using MassTransit;

namespace Kiln.Bench.AlertLatency.Faults;

/// <summary>
/// Publishes a burst of critical ErrorOccurred (one more than the rule's threshold) as a failing service would.
/// Each run uses its own service name, so runs need not wait a window for the previous alert to resolve.
/// </summary>
public sealed class ErrorBurstFault(IBus bus, int count) : IFault
{
    public string Name => "error-burst";

    public string Rule => "critical-errors";

    public bool ResolveBetweenRuns => false;

    public string AlertService(int run) => $"bench-burst-{run}";

    public async Task InjectAsync(int run, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
            await bus.Publish(new ErrorOccurred(AlertService(run), ErrorCategory.Model, Severity.Critical, $"bench error {i + 1} of {count}", null, DateTimeOffset.UtcNow), cancellationToken);
    }

    public Task RestoreAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
