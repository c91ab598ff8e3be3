namespace Kiln.Api.RateLimiting;

/// <summary>Checks several GCRA limits as one atomic step (all are spent or none).</summary>
public interface IRateLimitStore
{
    ValueTask<RateLimitDecision> CheckAsync(IReadOnlyList<RateLimitRule> rules, RateLimitMode mode, OffenderPolicy? offender, CancellationToken cancellationToken);

    /// <summary>Current usage of one limit key without spending (null: never used or fully refilled).</summary>
    ValueTask<RateLimitUsage?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>How long the subject stays blocked (zero: not blocked).</summary>
    ValueTask<TimeSpan> BlockedForAsync(string subject, CancellationToken cancellationToken);
}

/// <summary>A limit's usage as stored: its limit, what is spent right now and when it is fully back.</summary>
public sealed record RateLimitUsage(long Limit, long Used, long Remaining, TimeSpan Reset);
