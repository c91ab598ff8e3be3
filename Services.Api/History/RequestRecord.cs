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
        entity.HasIndex(r => r.CreatedAt);
        entity.HasIndex(r => new { r.KeyId, r.CreatedAt });
        entity.HasIndex(r => r.RequestId);
    }
}
