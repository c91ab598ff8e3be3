using Kiln.Api.History;
using Microsoft.EntityFrameworkCore;

namespace Kiln.Api.Data;

/// <summary>The API's tables, in the "api" schema.</summary>
public sealed class ApiDbContext(DbContextOptions<ApiDbContext> options) : DbContext(options)
{
    public const string Schema = "api";

    public DbSet<RequestRecord> RequestHistory => Set<RequestRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ApiDbContext).Assembly);
    }
}
