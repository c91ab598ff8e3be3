using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kiln.ServiceDefaults.Data;

/// <summary>Where <typeparamref name="TContext"/> lives, described without credentials.</summary>
public sealed record DatabaseTarget<TContext>(string Location, string Schema) where TContext : DbContext
{
    internal static DatabaseTarget<TContext> From(string connectionString, string schema)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        return new DatabaseTarget<TContext>($"{csb.Host}:{csb.Port}/{csb.Database}", schema);
    }
}
