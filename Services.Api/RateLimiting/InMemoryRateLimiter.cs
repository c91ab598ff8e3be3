using Microsoft.Extensions.Options;

namespace Kiln.Api.RateLimiting;

/// <summary>
/// The same GCRA as <see cref="GcraScript"/>, in this process only: the fallback while Redis is down.
/// Limits are then per instance, not shared.
/// </summary>
public sealed class InMemoryRateLimiter(IOptions<RateLimitOptions> options, TimeProvider time) : IRateLimitStore
{
    private const int MaxEntries = 100_000;
    private readonly Lock gate = new();
    private readonly Dictionary<string, (double Tat, double Emission, double Tolerance)> limits = [];
    private readonly Dictionary<string, double> blockedUntil = [];
    private readonly Dictionary<string, (int Count, double Until)> refusals = [];
    private readonly string prefix = options.Value.KeyPrefix;

    public ValueTask<RateLimitDecision> CheckAsync(IReadOnlyList<RateLimitRule> rules, RateLimitMode mode, OffenderPolicy? offender, CancellationToken cancellationToken)
    {
        var now = (double)time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (gate)
        {
            Prune(now);
            if (mode != RateLimitMode.Force && offender is not null && blockedUntil.TryGetValue(offender.Subject, out var until) && until > now)
            {
                var wait = TimeSpan.FromMilliseconds(Math.Ceiling(until - now));
                return ValueTask.FromResult(new RateLimitDecision(false, wait, null, true, [.. rules.Select(r => new RateLimitState(r, 0, wait))]));
            }

            var next = new double[rules.Count];
            var current = new double[rules.Count];
            var allowed = true;
            var retry = 0.0;
            RateLimitRule? denied = null;
            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i];
                var tat = limits.TryGetValue(prefix + rule.Key, out var entry) ? Math.Max(entry.Tat, now) : now;
                var newTat = Math.Max(now, tat + rule.EmissionMs * rule.Cost);
                var wait = newTat - rule.ToleranceMs - now;
                if (mode != RateLimitMode.Force && wait > 0.001)
                {
                    allowed = false;
                    if (wait > retry) (retry, denied) = (wait, rule);
                }
                (current[i], next[i]) = (tat, newTat);
            }

            var states = new RateLimitState[rules.Count];
            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i];
                var tat = current[i];
                if (allowed && mode != RateLimitMode.Peek)
                {
                    tat = next[i];
                    limits[prefix + rule.Key] = (tat, rule.EmissionMs, rule.ToleranceMs);
                }
                states[i] = new(rule, GcraMath.Remaining(now, tat, rule.EmissionMs, rule.ToleranceMs), TimeSpan.FromMilliseconds(Math.Ceiling(tat - now)));
            }

            var retryAfter = TimeSpan.FromMilliseconds(Math.Ceiling(retry));
            if (!allowed && offender is { Refusals: > 0 })
            {
                var count = refusals.TryGetValue(offender.Subject, out var r) && r.Until > now ? r.Count + 1 : 1;
                var windowEnd = count == 1 ? now + offender.Window.TotalMilliseconds : r.Until;
                if (count >= offender.Refusals)
                {
                    blockedUntil[offender.Subject] = now + offender.Block.TotalMilliseconds;
                    refusals.Remove(offender.Subject);
                    if (offender.Block > retryAfter) retryAfter = offender.Block;
                }
                else refusals[offender.Subject] = (count, windowEnd);
            }
            return ValueTask.FromResult(new RateLimitDecision(allowed, retryAfter, denied, false, states));
        }
    }

    public ValueTask<RateLimitUsage?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var now = (double)time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (gate)
        {
            return ValueTask.FromResult(limits.TryGetValue(prefix + key, out var e) && e.Tat > now
                ? GcraMath.Usage(now, e.Tat, e.Emission, e.Tolerance)
                : null);
        }
    }

    public ValueTask<TimeSpan> BlockedForAsync(string subject, CancellationToken cancellationToken)
    {
        var now = (double)time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (gate)
        {
            return ValueTask.FromResult(blockedUntil.TryGetValue(subject, out var until) && until > now
                ? TimeSpan.FromMilliseconds(Math.Ceiling(until - now))
                : TimeSpan.Zero);
        }
    }

    // Entries whose allowance is fully back carry no information; dropping them bounds memory.
    private void Prune(double now)
    {
        if (limits.Count < MaxEntries) return;
        foreach (var key in limits.Where(e => e.Value.Tat <= now).Select(e => e.Key).ToList()) limits.Remove(key);
        foreach (var key in blockedUntil.Where(e => e.Value <= now).Select(e => e.Key).ToList()) blockedUntil.Remove(key);
        foreach (var key in refusals.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList()) refusals.Remove(key);
    }
}
