using Kiln.Alerts.AlertLog;
using Microsoft.EntityFrameworkCore;

namespace Kiln.Alerts.Data;

/// <summary>Alerts' tables, in the "alerts" schema.</summary>
public sealed class AlertsDbContext(DbContextOptions<AlertsDbContext> options) : DbContext(options)
{
    public const string Schema = "alerts";

    public DbSet<AlertRecord> Alerts => Set<AlertRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AlertsDbContext).Assembly);
    }
}
