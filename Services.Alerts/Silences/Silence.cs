using System.Text.Json;
using Kiln.Alerts.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiln.Alerts.Silences;

/// <summary>Alerts matching all matchers between <see cref="StartsAt"/> and <see cref="EndsAt"/> are recorded but not sent.</summary>
public sealed class Silence
{
    public Guid Id { get; set; }
    public string MatchersJson { get; set; } = "[]";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public string Comment { get; set; } = "";

    public IReadOnlyList<Matcher> Matchers() => JsonSerializer.Deserialize<List<Matcher>>(MatchersJson) ?? [];
}

internal sealed class SilenceConfiguration : IEntityTypeConfiguration<Silence>
{
    public void Configure(EntityTypeBuilder<Silence> entity)
    {
        entity.ToTable("silences");
        entity.HasKey(s => s.Id);
        entity.Property(s => s.MatchersJson).HasColumnType("jsonb");
        entity.Property(s => s.CreatedBy).HasMaxLength(256);
        entity.Property(s => s.Comment).HasMaxLength(2_000);
        entity.HasIndex(s => s.EndsAt);
    }
}
