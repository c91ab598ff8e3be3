using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Kiln.Api.RateLimiting;

/// <summary>The shared limiter: every check is one EVALSHA of <see cref="GcraScript"/>.</summary>
public sealed class RedisRateLimiter(IConnectionMultiplexer redis, IOptions<RateLimitOptions> options, TimeProvider time) : IRateLimitStore
{
    private readonly string prefix = options.Value.KeyPrefix;

    public bool IsAvailable => redis.IsConnected;

    public async ValueTask<RateLimitDecision> CheckAsync(IReadOnlyList<RateLimitRule> rules, RateLimitMode mode, OffenderPolicy? offender, CancellationToken cancellationToken)
    {
        var keys = new RedisKey[rules.Count + 2];
        keys[0] = prefix + "block:" + (offender?.Subject ?? "-");
        keys[1] = prefix + "refusals:" + (offender?.Subject ?? "-");
        var args = new RedisValue[5 + rules.Count * 3];
        args[0] = Format(time.GetUtcNow().ToUnixTimeMilliseconds());
        args[1] = (int)mode;
        args[2] = offender?.Refusals ?? 0;
        args[3] = (long)(offender?.Window.TotalMilliseconds ?? 0);
        args[4] = (long)(offender?.Block.TotalMilliseconds ?? 0);
        for (var i = 0; i < rules.Count; i++)
        {
            keys[i + 2] = prefix + rules[i].Key;
            args[5 + i * 3] = Format(rules[i].EmissionMs);
            args[6 + i * 3] = Format(rules[i].ToleranceMs);
            args[7 + i * 3] = Format(rules[i].Cost);
        }
        var result = (RedisValue[])(await redis.GetDatabase().ScriptEvaluateAsync(GcraScript.Source, keys, args).WaitAsync(cancellationToken))!;
        return Decode(rules, result.Select(v => (long)v).ToArray());
    }

    public async ValueTask<RateLimitUsage?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var fields = await redis.GetDatabase().HashGetAsync(prefix + key, ["t", "e", "b"]).WaitAsync(cancellationToken);
        if (fields.Any(f => f.IsNull)) return null;
        return GcraMath.Usage(time.GetUtcNow().ToUnixTimeMilliseconds(), Parse(fields[0]), Parse(fields[1]), Parse(fields[2]));
    }

    public async ValueTask<TimeSpan> BlockedForAsync(string subject, CancellationToken cancellationToken)
    {
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(prefix + "block:" + subject).WaitAsync(cancellationToken);
        return ttl ?? TimeSpan.Zero;
    }

    internal static RateLimitDecision Decode(IReadOnlyList<RateLimitRule> rules, long[] r)
    {
        var states = new RateLimitState[rules.Count];
        for (var i = 0; i < rules.Count; i++)
            states[i] = new(rules[i], r[3 + i * 2], TimeSpan.FromMilliseconds(r[4 + i * 2]));
        var denied = r[2] >= 0 ? rules[(int)r[2]] : null;
        return new(r[0] == 1, TimeSpan.FromMilliseconds(r[1]), denied, r[2] == -2, states);
    }

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static double Parse(RedisValue value) => double.Parse((string)value!, CultureInfo.InvariantCulture);
}
