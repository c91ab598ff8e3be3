namespace Kiln.Monitoring.HealthChecks;

/// <summary>Current health of every polled target (services' /health/ready, Redis, PostgreSQL, RabbitMQ).</summary>
public interface IHealthStatusBoard
{
    /// <summary>Every target with its status and last check, without uptime (no database round trip).</summary>
    IReadOnlyList<TargetHealth> Current();

    /// <summary>Every target with uptime over 24 h and 7 d computed from the stored checks.</summary>
    Task<IReadOnlyList<TargetHealth>> WithUptimeAsync(CancellationToken cancellationToken);
}
