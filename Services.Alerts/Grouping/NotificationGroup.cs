using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiln.Alerts.Grouping;

/// <summary>
/// Alerts a route sends together to one receiver. <see cref="NextFlushAt"/> is when an instance next looks at it
/// (null while it holds no alerts); the last notification's firing set decides whether a flush sends anything.
/// </summary>
public sealed class NotificationGroup
{
    public required string Id { get; set; }
    public required string Receiver { get; set; }
    public required string RoutePath { get; set; }
    public string GroupLabelsJson { get; set; } = "{}";
    public TimeSpan GroupInterval { get; set; }
    public TimeSpan RepeatInterval { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? NextFlushAt { get; set; }
    public DateTimeOffset? LastNotifiedAt { get; set; }

    /// <summary>Sorted, comma-separated fingerprints of the firing alerts last notified.</summary>
    public string LastNotifiedFiring { get; set; } = "";

    public List<GroupMember> Members { get; set; } = [];
}

/// <summary>An alert (by fingerprint) in a group, until its resolution has been dealt with.</summary>
public sealed class GroupMember
{
    public required string GroupId { get; set; }
    public required string Fingerprint { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

internal sealed class NotificationGroupConfiguration : IEntityTypeConfiguration<NotificationGroup>
{
    public void Configure(EntityTypeBuilder<NotificationGroup> entity)
    {
        entity.ToTable("notification_groups");
        entity.HasKey(g => g.Id);
        entity.Property(g => g.Id).HasMaxLength(1_000);
        entity.Property(g => g.Receiver).HasMaxLength(128);
        entity.Property(g => g.RoutePath).HasMaxLength(128);
        entity.Property(g => g.GroupLabelsJson).HasColumnType("jsonb");
        entity.HasIndex(g => g.NextFlushAt);
        entity.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> entity)
    {
        entity.ToTable("group_members");
        entity.HasKey(m => new { m.GroupId, m.Fingerprint });
        entity.Property(m => m.Fingerprint).HasMaxLength(128);
    }
}
