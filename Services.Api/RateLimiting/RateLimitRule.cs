namespace Kiln.Api.RateLimiting;

/// <summary>
/// One GCRA limit: <see cref="Limit"/> units per <see cref="Period"/>, at most <see cref="Burst"/> at once;
/// <see cref="Cost"/> is what this check spends (1 per request, or a number of tokens; negative credits back).
/// </summary>
public sealed record RateLimitRule(string Key, string Description, int Limit, TimeSpan Period, double Burst, double Cost)
{
    /// <summary>Milliseconds one unit takes to come back.</summary>
    public double EmissionMs => Period.TotalMilliseconds / Limit;

    /// <summary>How far ahead of now the theoretical arrival time may run: the burst, in milliseconds.</summary>
    public double ToleranceMs => EmissionMs * Burst;
}

/// <summary>What a check does: look without spending, spend all or nothing, or spend regardless (charges, credits).</summary>
public enum RateLimitMode
{
    Peek = 0,
    Consume = 1,
    Force = 2,
}

/// <summary>Who is blocked after too many refusals, and how: N refusals within a window block for a while.</summary>
public sealed record OffenderPolicy(string Subject, int Refusals, TimeSpan Window, TimeSpan Block);

/// <summary>One limit's state after a check.</summary>
public sealed record RateLimitState(RateLimitRule Rule, long Remaining, TimeSpan Reset);

/// <summary>The answer of one check over several limits.</summary>
public sealed record RateLimitDecision(bool Allowed, TimeSpan RetryAfter, RateLimitRule? DeniedBy, bool Blocked, IReadOnlyList<RateLimitState> States)
{
    /// <summary>The limit closest to refusing (fewest remaining; on a tie the smaller limit), for the headers.</summary>
    public RateLimitState? Tightest => States.OrderBy(s => s.Remaining).ThenBy(s => s.Rule.Limit).FirstOrDefault();
}
