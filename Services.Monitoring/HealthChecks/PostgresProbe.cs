using Npgsql;

namespace Kiln.Monitoring.HealthChecks;

/// <summary>SELECT 1 on a pooled connection of its own data source (not the service's DbContext pool).</summary>
public sealed class PostgresProbe(NpgsqlDataSource dataSource) : IHealthProbe
{
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
