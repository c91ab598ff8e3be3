namespace Kiln.Api.RateLimiting;

/// <summary>The arithmetic the Lua script does, for readers of stored state and the in-memory limiter.</summary>
internal static class GcraMath
{
    public static long Remaining(double nowMs, double tatMs, double emissionMs, double toleranceMs) =>
        Math.Max(0, (long)Math.Floor((toleranceMs - (tatMs - nowMs)) / emissionMs + 0.000001));

    public static RateLimitUsage Usage(double nowMs, double tatMs, double emissionMs, double toleranceMs)
    {
        var tat = Math.Max(tatMs, nowMs);
        var limit = (long)Math.Round(toleranceMs / emissionMs);
        var remaining = Remaining(nowMs, tat, emissionMs, toleranceMs);
        return new(limit, Math.Max(0, limit - remaining), remaining, TimeSpan.FromMilliseconds(Math.Ceiling(tat - nowMs)));
    }
}
