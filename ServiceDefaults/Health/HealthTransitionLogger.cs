using Kiln.ServiceDefaults.Logging;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Kiln.ServiceDefaults.Health;

/// <summary>
/// Runs the readiness checks in the background and logs one line when a dependency changes state,
/// instead of a stack trace on every retry.
/// </summary>
internal sealed class HealthTransitionLogger(LogRedactor redactor, ILogger<HealthTransitionLogger> logger) : IHealthCheckPublisher
{
    private readonly Dictionary<string, HealthStatus> _last = [];

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        lock (_last)
        {
            foreach (var (name, entry) in report.Entries)
            {
                var known = _last.TryGetValue(name, out var previous);
                _last[name] = entry.Status;
                if (known && previous == entry.Status) continue;
                if (!known && entry.Status == HealthStatus.Healthy) continue;

                var description = redactor.Redact(entry.Description ?? entry.Exception?.Message ?? "");
                if (entry.Status == HealthStatus.Healthy)
                    logger.LogInformation("Dependency {Dependency} is healthy again: {Description}", name, description);
                else
                    logger.LogWarning("Dependency {Dependency} is {Status}: {Description}", name, entry.Status, description);
            }
        }
        return Task.CompletedTask;
    }
}
