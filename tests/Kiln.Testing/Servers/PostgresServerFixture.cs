using Kiln.AppHost.Hosting;

namespace Kiln.Testing.Servers;

/// <summary>A private PostgreSQL; <see cref="ServerFixture.ConnectionString"/> is Npgsql format, role and database <c>kiln</c>.</summary>
public sealed class PostgresServerFixture : ServerFixture
{
    private protected override IResourceWithConnectionString AddServer(KilnAppBuilder builder) => builder.AddPostgres("postgres");
}
