using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Kiln.Api.Keys;

/// <summary>Why a presented key was refused.</summary>
public enum KeyRefusal { None, Missing, Malformed, Unknown, WrongSecret, Revoked }

/// <summary>
/// Checks a presented key against the store, keeping lookups in memory for <see cref="KeysOptions.CacheDuration"/>
/// so most requests cost no database round trip. The secret is checked on every request, against the cached hash.
/// </summary>
public sealed class ApiKeyAuthenticator(IServiceScopeFactory scopes, IMemoryCache cache, IOptions<KeysOptions> options)
{
    private sealed record Lookup(ApiKey? Key);

    public async Task<(ApiCaller? Caller, KeyRefusal Refusal, string? KeyId)> AuthenticateAsync(string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented)) return (null, KeyRefusal.Missing, null);
        if (!ApiKeyFormat.TryParse(presented, out var id, out var secret)) return (null, KeyRefusal.Malformed, null);

        var key = await FindAsync(id, cancellationToken);
        if (key is null) return (null, KeyRefusal.Unknown, id);
        if (!ApiKeyFormat.Matches(secret, key.SecretHash)) return (null, KeyRefusal.WrongSecret, id);
        if (key.RevokedAt is not null) return (null, KeyRefusal.Revoked, id);
        return (key.ToCaller(), KeyRefusal.None, id);
    }

    /// <summary>Drops a cached lookup, so a change made on this instance takes effect here at once.</summary>
    public void Forget(string id) => cache.Remove(CacheKey(id));

    private async Task<ApiKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey(id), out Lookup? cached) && cached is not null) return cached.Key;
        await using var scope = scopes.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().FindAsync(id, cancellationToken);
        var duration = options.Value.CacheDuration;
        if (duration > TimeSpan.Zero) cache.Set(CacheKey(id), new Lookup(key), duration);
        return key;
    }

    private static string CacheKey(string id) => "api-key:" + id;
}
