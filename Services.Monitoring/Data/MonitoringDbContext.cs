using Kiln.Monitoring.Alerting;
using Kiln.Monitoring.HealthChecks;
using Kiln.Monitoring.HealthHistory;
using Microsoft.EntityFrameworkCore;

namespace Kiln.Monitoring.Data;

/// <summary>Monitoring's tables, in the "monitoring" schema.</summary>
public sealed class MonitoringDbContext(DbContextOptions<MonitoringDbContext> options) : DbContext(options)
{
    public const string Schema = "monitoring";

    public DbSet<HealthTransition> HealthTransitions => Set<HealthTransition>();

    public DbSet<HealthCheckRecord> HealthChecks => Set<HealthCheckRecord>();

    public DbSet<AlertEntity> Alerts => Set<AlertEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MonitoringDbContext).Assembly);
    }
}
