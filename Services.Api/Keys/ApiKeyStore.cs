using Kiln.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Kiln.Api.Keys;

/// <summary>The api_keys table: create (returning the secret once), list, revoke, change limits.</summary>
public sealed class ApiKeyStore(ApiDbContext db, TimeProvider time)
{
    public async Task<(ApiKey Key, string Plaintext)> CreateAsync(string name, KeyLimits limits, CancellationToken cancellationToken)
    {
        var (id, secret) = ApiKeyFormat.NewKey();
        var key = new ApiKey
        {
            Id = id,
            Name = name,
            SecretHash = ApiKeyFormat.Hash(secret),
            CreatedAt = time.GetUtcNow(),
        };
        limits.ApplyTo(key);
        db.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return (key, ApiKeyFormat.Format(id, secret));
    }

    public Task<List<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        db.Set<ApiKey>().AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);

    public Task<ApiKey?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Set<ApiKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);

    public async Task<ApiKey?> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var key = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null) return null;
        key.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public async Task<ApiKey?> SetLimitsAsync(string id, KeyLimits limits, CancellationToken cancellationToken)
    {
        var key = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null) return null;
        limits.ApplyTo(key);
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }
}
