using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiln.Alerts.Delivery;

/// <summary>
/// The outbox and the delivery log in one: a notice for one channel of one receiver, written before any attempt
/// and marked sent by the instance that holds its row lock while sending.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public string? GroupId { get; set; }
    public required string Receiver { get; set; }
    public required string Channel { get; set; }

    /// <summary>Who it goes to: email addresses, or the webhook's host (the URL itself is a secret).</summary>
    public required string Recipient { get; set; }

    public required string Status { get; set; }
    public required string Title { get; set; }
    public string PayloadJson { get; set; } = "{}";
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>Outbox states.</summary>
public static class NotificationStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
}

/// <summary>One try at delivering a notification.</summary>
public sealed class DeliveryAttempt
{
    public long Id { get; set; }
    public Guid NotificationId { get; set; }
    public int Attempt { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Outcome { get; set; }
    public string? Error { get; set; }
    public double DurationMs { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> entity)
    {
        entity.ToTable("notifications");
        entity.HasKey(n => n.Id);
        entity.Property(n => n.GroupId).HasMaxLength(1_000);
        entity.Property(n => n.Receiver).HasMaxLength(128);
        entity.Property(n => n.Channel).HasMaxLength(16);
        entity.Property(n => n.Recipient).HasMaxLength(1_000);
        entity.Property(n => n.Status).HasMaxLength(16);
        entity.Property(n => n.Title).HasMaxLength(512);
        entity.Property(n => n.PayloadJson).HasColumnType("jsonb");
        entity.Property(n => n.LastError).HasMaxLength(2_000);
        entity.HasIndex(n => new { n.Status, n.NextAttemptAt });
        entity.HasIndex(n => n.CreatedAt);
    }
}

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> entity)
    {
        entity.ToTable("delivery_attempts");
        entity.HasKey(a => a.Id);
        entity.Property(a => a.Outcome).HasMaxLength(32);
        entity.Property(a => a.Error).HasMaxLength(2_000);
        entity.HasIndex(a => a.NotificationId);
    }
}
