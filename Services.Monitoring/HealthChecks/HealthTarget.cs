namespace Kiln.Monitoring.HealthChecks;

/// <summary>What kind of thing a target is, which decides how it is probed.</summary>
public enum TargetKind { Service, Redis, Postgres, RabbitMq }

/// <summary>Something the poller checks; <see cref="Location"/> is safe to show (no credentials).</summary>
public sealed record HealthTarget(string Name, TargetKind Kind, string Location);
