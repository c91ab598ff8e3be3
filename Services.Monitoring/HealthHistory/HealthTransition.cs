using Kiln.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiln.Monitoring.HealthHistory;

/// <summary>One change of a service's or dependency's health, as reported on the bus.</summary>
public sealed class HealthTransition
{
    public long Id { get; set; }
    public required string Service { get; set; }
    public required string Component { get; set; }
    public HealthState Previous { get; set; }
    public HealthState Current { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class HealthTransitionConfiguration : IEntityTypeConfiguration<HealthTransition>
{
    public void Configure(EntityTypeBuilder<HealthTransition> entity)
    {
        entity.ToTable("health_transitions");
        entity.Property(t => t.Service).HasMaxLength(64);
        entity.Property(t => t.Component).HasMaxLength(128);
        entity.Property(t => t.Previous).HasConversion<string>().HasMaxLength(16);
        entity.Property(t => t.Current).HasConversion<string>().HasMaxLength(16);
        entity.Property(t => t.Description).HasMaxLength(2_000);
        entity.HasIndex(t => new { t.Service, t.ChangedAt });
    }
}
