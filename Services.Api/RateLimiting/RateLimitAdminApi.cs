using Kiln.ServiceDefaults.Admin;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kiln.Api.RateLimiting;

/// <summary>GET /admin/rate-limits/keys/{keyId}: a key's current request and token usage (admin token; admin routes are not rate limited).</summary>
public static class RateLimitAdminApi
{
    public static RouteGroupBuilder MapRateLimitAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/rate-limits").RequireAdminToken();
        admin.MapGet("/keys/{keyId}", GetKeyUsage);
        admin.MapGet("/", GetStatus);
        return admin;
    }

    private static async Task<Ok<KeyUsage>> GetKeyUsage(string keyId, RateLimitPolicy policy, IRateLimitStore store, CancellationToken cancellationToken)
    {
        var requests = await store.ReadAsync(policy.KeyRequestRule(keyId, null).Key, cancellationToken);
        var tokens = await store.ReadAsync(policy.KeyTokenRule(keyId, null, 0).Key, cancellationToken);
        var blocked = await store.BlockedForAsync($"key:{keyId}", cancellationToken);
        return TypedResults.Ok(new KeyUsage(keyId, requests, tokens, (long)Math.Ceiling(blocked.TotalSeconds)));
    }

    private static Ok<LimiterStatus> GetStatus(FallbackRateLimiter limiter) =>
        TypedResults.Ok(new LimiterStatus(limiter.IsDegraded ? "memory" : "redis"));

    /// <summary>Null usage: nothing spent within the current window.</summary>
    public sealed record KeyUsage(string KeyId, RateLimitUsage? Requests, RateLimitUsage? Tokens, long BlockedForSeconds);

    public sealed record LimiterStatus(string Store);
}
