using Kiln.Alerts.AlertLog;
using Kiln.Alerts.Delivery;
using Kiln.Alerts.Grouping;
using Kiln.Alerts.Silences;
using Microsoft.EntityFrameworkCore;

namespace Kiln.Alerts.Data;

/// <summary>Alerts' tables, in the "alerts" schema.</summary>
public sealed class AlertsDbContext(DbContextOptions<AlertsDbContext> options) : DbContext(options)
{
    public const string Schema = "alerts";

    public DbSet<AlertRecord> Alerts => Set<AlertRecord>();
    public DbSet<NotificationGroup> Groups => Set<NotificationGroup>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<Silence> Silences => Set<Silence>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AlertsDbContext).Assembly);
    }
}
