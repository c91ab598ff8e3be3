using Kiln.ServiceDefaults.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiln.ServiceDefaults.Data;

/// <summary>PostgreSQL for a service: its own schema, migrations applied at start, a readiness check.</summary>
public static class DatabaseExtensions
{
    /// <summary>The AppHost's default server, used when no connection string is configured.</summary>
    public const string LocalDefault = "Host=127.0.0.1;Port=5433;Username=kiln;Database=kiln";

    /// <summary>Registers <typeparamref name="TContext"/> on <c>ConnectionStrings__postgres</c> in <paramref name="schema"/>.</summary>
    public static IHostApplicationBuilder AddKilnDatabase<TContext>(this IHostApplicationBuilder builder, string schema)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString("postgres") ?? LocalDefault;
        builder.Services.AddDbContext<TContext>(options => options.UseNpgsql(connectionString, npgsql =>
            npgsql.MigrationsHistoryTable("__ef_migrations_history", schema)));
        builder.Services.AddSingleton(DatabaseTarget<TContext>.From(connectionString, schema));
        builder.Services.AddSingleton<DatabaseState<TContext>>();
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>("postgres", tags: [HealthTags.Ready]);
        // EF logs the expected failed probe of the missing history table, and every refused connection while
        // PostgreSQL is down, as errors; real failures surface as exceptions, outages once via the health log.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.Critical);
        return builder;
    }
}
