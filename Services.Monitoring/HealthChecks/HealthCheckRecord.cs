using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiln.Monitoring.HealthChecks;

/// <summary>One stored check of one target; deleted after the retention period.</summary>
public sealed class HealthCheckRecord
{
    public long Id { get; set; }
    public required string Target { get; set; }
    public bool Success { get; set; }
    public double LatencyMs { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
}

internal sealed class HealthCheckRecordConfiguration : IEntityTypeConfiguration<HealthCheckRecord>
{
    public void Configure(EntityTypeBuilder<HealthCheckRecord> entity)
    {
        entity.ToTable("health_checks");
        entity.Property(c => c.Target).HasMaxLength(64);
        entity.Property(c => c.Error).HasMaxLength(500);
        entity.HasIndex(c => new { c.Target, c.CheckedAt });
        entity.HasIndex(c => c.CheckedAt);
    }
}
