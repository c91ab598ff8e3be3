using System.Text.Json;
using Kiln.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiln.Monitoring.Alerting;

/// <summary>One raised alert as stored: firing while <see cref="ResolvedAt"/> is null, history after.</summary>
public sealed class AlertEntity
{
    public long Id { get; set; }
    public required string Fingerprint { get; set; }
    public required string Rule { get; set; }
    public required string Service { get; set; }
    public Severity Severity { get; set; }
    public required string Summary { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset LastPublishedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    public AlertRecord ToRecord() => new(Fingerprint, Rule, Service, Severity, Summary, Labels, RaisedAt, LastPublishedAt, ResolvedAt);
}

internal sealed class AlertEntityConfiguration : IEntityTypeConfiguration<AlertEntity>
{
    public void Configure(EntityTypeBuilder<AlertEntity> entity)
    {
        entity.ToTable("alerts");
        entity.Property(a => a.Fingerprint).HasMaxLength(64);
        entity.Property(a => a.Rule).HasMaxLength(64);
        entity.Property(a => a.Service).HasMaxLength(64);
        entity.Property(a => a.Severity).HasConversion<string>().HasMaxLength(16);
        entity.Property(a => a.Summary).HasMaxLength(1_000);
        entity.Property(a => a.Labels)
            .HasColumnType("jsonb")
            .HasConversion(
                labels => JsonSerializer.Serialize(labels, JsonSerializerOptions.Default),
                json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Default) ?? new Dictionary<string, string>(),
                new ValueComparer<Dictionary<string, string>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    d => d.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                    d => new Dictionary<string, string>(d)));
        // At most one firing alert per fingerprint; resolved ones are history.
        entity.HasIndex(a => a.Fingerprint).IsUnique().HasFilter("\"ResolvedAt\" IS NULL");
        entity.HasIndex(a => a.ResolvedAt);
    }
}
