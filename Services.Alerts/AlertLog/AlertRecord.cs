using System.Text.Json;
using Kiln.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiln.Alerts.AlertLog;

/// <summary>An alert keyed by its fingerprint: raised once, counted on repeats, resolved at most once.</summary>
public sealed class AlertRecord
{
    public required string Fingerprint { get; set; }
    public required string Name { get; set; }
    public Severity Severity { get; set; }
    public required string Service { get; set; }
    public required string Summary { get; set; }
    public int Occurrences { get; set; }
    public DateTimeOffset FirstRaisedAt { get; set; }
    public DateTimeOffset LastRaisedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The alert's own labels as JSON (an object of strings).</summary>
    public string LabelsJson { get; set; } = "{}";

    /// <summary>The alert's links as JSON (an array of {Title, Url}).</summary>
    public string LinksJson { get; set; } = "[]";

    public bool IsFiring => ResolvedAt is null;

    /// <summary>Labels for routing, silences and inhibition: the alert's own plus alertname, severity and service.</summary>
    public IReadOnlyDictionary<string, string> MatchLabels() =>
        AlertLabels.For(Name, Severity, Service, JsonSerializer.Deserialize<Dictionary<string, string>>(LabelsJson) ?? []);

    public IReadOnlyList<AlertLink> Links() => JsonSerializer.Deserialize<List<AlertLink>>(LinksJson) ?? [];
}

internal sealed class AlertRecordConfiguration : IEntityTypeConfiguration<AlertRecord>
{
    public void Configure(EntityTypeBuilder<AlertRecord> entity)
    {
        entity.ToTable("alerts");
        entity.HasKey(a => a.Fingerprint);
        entity.Property(a => a.Fingerprint).HasMaxLength(128);
        entity.Property(a => a.Name).HasMaxLength(256);
        entity.Property(a => a.Service).HasMaxLength(64);
        entity.Property(a => a.Summary).HasMaxLength(4_000);
        entity.Property(a => a.Severity).HasConversion<string>().HasMaxLength(16);
        entity.Property(a => a.LabelsJson).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
        entity.Property(a => a.LinksJson).HasColumnType("jsonb").HasDefaultValueSql("'[]'::jsonb");
        entity.HasIndex(a => a.ResolvedAt);
    }
}
