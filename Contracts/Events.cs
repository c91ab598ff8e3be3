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

/// <summary>
/// Published by any service when something went wrong. <see cref="Component"/> names the dependency
/// involved when there is one (postgres, redis, rabbitmq, model), so rules can count per dependency.
/// </summary>
public sealed record ErrorOccurred(
    string Service,
    ErrorCategory Category,
    Severity Severity,
    string Message,
    string? CorrelationId,
    DateTimeOffset OccurredAt,
    string? Component = null);

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
    DateTimeOffset RaisedAt,
    IReadOnlyList<AlertLink>? Links = null);

/// <summary>A link shown with an alert (dashboard page, runbook).</summary>
public sealed record AlertLink(string Title, Uri Url);

/// <summary>The condition behind an alert is gone.</summary>
public sealed record AlertResolved(string Fingerprint, string Name, string Service, DateTimeOffset ResolvedAt);

/// <summary>
/// Published by the API after each request to its public endpoints (not health or admin), for error
/// rates and rate-limit refusal counts. Non-persistent: losing one under a broker outage costs a data point.
/// </summary>
public sealed record ApiRequestCompleted(
    string RequestId,
    string? KeyId,
    string Endpoint,
    string? Model,
    int StatusCode,
    string? ErrorType,
    string? ErrorCode,
    double DurationMs,
    int PromptTokens,
    int CompletionTokens,
    DateTimeOffset CompletedAt);
