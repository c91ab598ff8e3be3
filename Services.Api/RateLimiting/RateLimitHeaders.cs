namespace Kiln.Api.RateLimiting;

/// <summary>X-RateLimit-Limit / -Remaining / -Reset (seconds until the limit is fully back) of the tightest limit.</summary>
internal static class RateLimitHeaders
{
    public static void Write(HttpResponse response, RateLimitDecision decision)
    {
        if (decision.Tightest is not { } tightest || response.HasStarted) return;
        response.Headers["X-RateLimit-Limit"] = tightest.Rule.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = tightest.Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = ((long)Math.Ceiling(tightest.Reset.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Explain(RateLimitDecision decision) => decision switch
    {
        { Blocked: true } => $"Too many requests were refused; this caller is blocked for {Math.Ceiling(decision.RetryAfter.TotalSeconds):0} s.",
        { DeniedBy: { } rule } => $"Rate limit exceeded: {rule.Description}. Retry after {Math.Max(1, Math.Ceiling(decision.RetryAfter.TotalSeconds)):0} s.",
        _ => "Rate limit exceeded.",
    };
}
