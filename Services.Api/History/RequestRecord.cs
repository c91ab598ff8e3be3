using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiln.Api.History;

/// <summary>One processed API request, kept for the history query API until retention removes it.</summary>
public sealed class RequestRecord
{
    public long Id { get; set; }
    public required string RequestId { get; set; }
    public string? KeyId { get; set; }
    public required string Endpoint { get; set; }
    public string? Model { get; set; }
    public int StatusCode { get; set; }
    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }
    public double DurationMs { get; set; }
    public string? ErrorType { get; set; }
    public string? ErrorCode { get; set; }
    public string? FinishReason { get; set; }
    /// <summary>HMAC-SHA256 of the client address under the configured (or generated) key, hex.</summary>
    public string? ClientIpHash { get; set; }
    /// <summary>The prompt as stored under History:StoreContent (null when None).</summary>
    public string? Prompt { get; set; }
    public string? Response { get; set; }
    /// <summary>When the request arrived.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class RequestRecordConfiguration : IEntityTypeConfiguration<RequestRecord>
{
    public void Configure(EntityTypeBuilder<RequestRecord> entity)
    {
        entity.ToTable("request_history");
        entity.Property(r => r.RequestId).HasMaxLength(128);
        entity.Property(r => r.KeyId).HasMaxLength(64);
        entity.Property(r => r.Endpoint).HasMaxLength(128);
        entity.Property(r => r.Model).HasMaxLength(256);
        entity.Property(r => r.ErrorType).HasMaxLength(64);
        entity.Property(r => r.ErrorCode).HasMaxLength(64);
        entity.Property(r => r.FinishReason).HasMaxLength(32);
        entity.Property(r => r.ClientIpHash).HasMaxLength(64);
        entity.HasIndex(r => r.CreatedAt);
        entity.HasIndex(r => new { r.KeyId, r.CreatedAt });
        entity.HasIndex(r => r.RequestId);
    }
}
