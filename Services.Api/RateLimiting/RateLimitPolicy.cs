using Kiln.Api.Keys;
using Microsoft.Extensions.Options;

namespace Kiln.Api.RateLimiting;

/// <summary>Which limits apply to a request, with the configured defaults and a key's own overrides.</summary>
public sealed class RateLimitPolicy(IOptions<RateLimitOptions> options)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly RateLimitOptions o = options.Value;

    public bool Applies(PathString path) => o.LimitedPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<RateLimitRule> RequestRules(HttpContext context)
    {
        var rules = new List<RateLimitRule>(4)
        {
            Rule("global", $"the global limit of {o.GlobalRequestsPerMinute} requests per minute", o.GlobalRequestsPerMinute, Minute, 1),
            Rule($"ip:{ClientAddress(context)}", $"the per-address limit of {o.RequestsPerMinutePerIp} requests per minute", o.RequestsPerMinutePerIp, Minute, 1),
        };
        var path = context.Request.Path.Value ?? "/";
        if (o.EndpointRequestsPerMinute.TryGetValue(path, out var endpointLimit))
            rules.Add(Rule($"endpoint:{path}", $"the limit of {endpointLimit} requests per minute on {path}", endpointLimit, Minute, 1));
        if (context.GetApiCaller() is { } caller)
            rules.Add(KeyRequestRule(caller.KeyId, caller.RequestsPerMinute));
        return rules;
    }

    public RateLimitRule KeyRequestRule(string keyId, int? ownLimit)
    {
        var limit = ownLimit ?? o.RequestsPerMinutePerKey;
        return Rule($"key:{keyId}:requests", $"the per-key limit of {limit} requests per minute", limit, Minute, 1);
    }

    public RateLimitRule KeyTokenRule(string keyId, int? ownLimit, double cost)
    {
        var limit = ownLimit ?? o.TokensPerMinutePerKey;
        return Rule($"key:{keyId}:tokens", $"the per-key limit of {limit} tokens per minute", limit, Minute, cost);
    }

    /// <summary>A request that spends more tokens than a whole burst could never pass; it is charged the burst instead.</summary>
    public double TokenBurst(int? ownLimit) => Burst(ownLimit ?? o.TokensPerMinutePerKey);

    public RateLimitRule FailedAuthRule(HttpContext context) =>
        new($"auth:{ClientAddress(context)}", $"the limit of {o.FailedAuthAttempts} failed authentications per {o.FailedAuthWindow.TotalMinutes:0.#} minutes from one address",
            o.FailedAuthAttempts, o.FailedAuthWindow, o.FailedAuthAttempts, 1);

    /// <summary>Who is blocked after repeated refusals: the key when there is one, else the address.</summary>
    public OffenderPolicy? Offender(HttpContext context) => o.OffenderRefusals == 0
        ? null
        : new(context.GetApiCaller() is { } caller ? $"key:{caller.KeyId}" : $"ip:{ClientAddress(context)}", o.OffenderRefusals, o.OffenderWindow, o.OffenderBlock);

    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private RateLimitRule Rule(string key, string description, int limit, TimeSpan period, double cost) =>
        new(key, description, limit, period, Burst(limit), cost);

    private double Burst(int limit) => Math.Max(1, Math.Floor(limit * o.BurstFraction));
}
