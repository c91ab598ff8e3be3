using System.ComponentModel.DataAnnotations;

namespace Kiln.Api.RateLimiting;

/// <summary>The "RateLimiting" section: request and token limits, failed-login limits and repeat-offender blocks.</summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "RateLimiting";

    /// <summary>Requests per minute for one API key, unless the key has its own limit.</summary>
    [Range(1, 1_000_000)] public int RequestsPerMinutePerKey { get; set; } = 100;

    /// <summary>Prompt + completion tokens per minute for one API key, unless the key has its own limit.</summary>
    [Range(1, 100_000_000)] public int TokensPerMinutePerKey { get; set; } = 100_000;

    /// <summary>Requests per minute from one client IP address, whatever key it uses.</summary>
    [Range(1, 10_000_000)] public int RequestsPerMinutePerIp { get; set; } = 300;

    /// <summary>Requests per minute over all callers of one API instance group (shared through Redis).</summary>
    [Range(1, 100_000_000)] public int GlobalRequestsPerMinute { get; set; } = 1_000;

    /// <summary>Per-endpoint requests per minute, keyed by path (e.g. "/v1/chat/completions": 60).</summary>
    public Dictionary<string, int> EndpointRequestsPerMinute { get; set; } = [];

    /// <summary>
    /// How much of a minute's allowance may be spent at once (1 = all of it, 0.1 = a tenth). The rate stays the
    /// limit per minute; this only bounds bursts.
    /// </summary>
    [Range(0.01, 1.0)] public double BurstFraction { get; set; } = 1.0;

    /// <summary>Failed authentications (401) from one IP within <see cref="FailedAuthWindow"/> before it gets 429.</summary>
    [Range(1, 1_000_000)] public int FailedAuthAttempts { get; set; } = 10;

    public TimeSpan FailedAuthWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Refusals (429) of one caller within <see cref="OffenderWindow"/> that get it blocked; 0 turns blocking off.</summary>
    [Range(0, 1_000_000)] public int OffenderRefusals { get; set; } = 50;

    public TimeSpan OffenderWindow { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan OffenderBlock { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Path prefixes whose requests are limited; health and admin endpoints are never listed.</summary>
    [MinLength(1)] public string[] LimitedPaths { get; set; } = ["/v1"];

    /// <summary>Prefix of every Redis key the limiter writes.</summary>
    [Required] public string KeyPrefix { get; set; } = "kiln:rl:";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (path, limit) in EndpointRequestsPerMinute)
            if (limit < 1 || !path.StartsWith('/'))
                yield return new($"EndpointRequestsPerMinute[{path}] must be a path starting with '/' and a limit of at least 1.");
        if (FailedAuthWindow <= TimeSpan.Zero || OffenderWindow <= TimeSpan.Zero || OffenderBlock <= TimeSpan.Zero)
            yield return new("FailedAuthWindow, OffenderWindow and OffenderBlock must be positive.");
        if (LimitedPaths.Any(p => !p.StartsWith('/') || p.StartsWith("/health", StringComparison.OrdinalIgnoreCase) || p.StartsWith("/admin", StringComparison.OrdinalIgnoreCase)))
            yield return new("LimitedPaths must start with '/' and may not include /health or /admin.");
    }
}
