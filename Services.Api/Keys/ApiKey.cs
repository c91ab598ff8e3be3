using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiln.Api.Keys;

/// <summary>
/// A stored API key: its public id, the SHA-256 of its secret (never the secret), its own limits and allowed
/// models. Revoked keys are kept (with <see cref="RevokedAt"/>) so a revoked key answers 403, not 401.
/// </summary>
public sealed class ApiKey
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required byte[] SecretHash { get; set; }
    public List<string> AllowedModels { get; set; } = [];
    public int? RequestsPerMinute { get; set; }
    public int? TokensPerMinute { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public ApiCaller ToCaller() => new(
        Id, Name, AllowedModels.Count == 0 ? null : AllowedModels.ToHashSet(StringComparer.Ordinal), RequestsPerMinute, TokensPerMinute);
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> entity)
    {
        entity.ToTable("api_keys");
        entity.HasKey(k => k.Id);
        entity.Property(k => k.Id).HasMaxLength(ApiKeyFormat.MaxIdLength);
        entity.Property(k => k.Name).HasMaxLength(128);
        entity.Property(k => k.SecretHash).HasMaxLength(32);
    }
}
