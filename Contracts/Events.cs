namespace Kiln.Contracts;

/// <summary>Published by inference after each generation.</summary>
public sealed record InferenceCompleted(
    Guid RequestId,
    string? KeyId,
    string Model,
    FinishReason FinishReason,
    Usage Usage,
    GenerationTimings Timings,
    GpuFigures Gpu,
    DateTimeOffset CompletedAt);

/// <summary>Categories of errors, for routing and error-rate rules.</summary>
public enum ErrorCategory { Transient, Configuration, Resource, Model, Data }

/// <summary>How bad an error or alert is.</summary>
public enum Severity { Info, Warning, Error, Critical }

/// <summary>Published by any service when something went wrong.</summary>
public sealed record ErrorOccurred(
    string Service,
    ErrorCategory Category,
    Severity Severity,
    string Message,
    string? CorrelationId,
    DateTimeOffset OccurredAt);

/// <summary>Health status as the services report it.</summary>
public enum HealthState { Healthy, Degraded, Unhealthy }

/// <summary>A service's or dependency's health changed.</summary>
public sealed record ServiceHealthChanged(
    string Service,
    string Component,
    HealthState Previous,
    HealthState Current,
    string? Description,
    DateTimeOffset ChangedAt);

/// <summary>An alert fired; <see cref="Fingerprint"/> identifies it for dedup and resolve.</summary>
public sealed record AlertRaised(
    string Fingerprint,
    string Name,
    Severity Severity,
    string Service,
    string Summary,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset RaisedAt);

/// <summary>The condition behind an alert is gone.</summary>
public sealed record AlertResolved(string Fingerprint, string Name, string Service, DateTimeOffset ResolvedAt);
