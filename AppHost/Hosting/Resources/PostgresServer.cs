using Kiln.AppHost.Hosting.Processes;
using Npgsql;

namespace Kiln.AppHost.Hosting;

/// <summary>
/// A private PostgreSQL cluster under the state folder (initdb once), with a <c>kiln</c> role owning a
/// <c>kiln</c> database. As root it runs as the <c>postgres</c> user, which PostgreSQL requires.
/// </summary>
public sealed class PostgresServer(string name, int defaultPort) : ServerResource(name, defaultPort)
{
    public const string Role = "kiln";
    public const string Database = "kiln";

    private static readonly ServerAccount Account = new("postgres", "PostgreSQL", "postgresql");
    private string? program;
    private string? password;
    private string? socketFolder;

    public override string ConnectionString => $"Host=127.0.0.1;Port={Port};Username={Role};Password={password};Database={Database}";

    public override string? Url => Port == 0 ? null : $"postgres://127.0.0.1:{Port}/{Database}";

    /// <summary>Superuser access over the private unix socket (trust), for provisioning only.</summary>
    private string AdminConnectionString => $"Host={socketFolder};Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=2";

    internal override IEnumerable<string> Problems(ResourceContext context)
    {
        program = ServerProgram.Postgres.Find();
        if (program is null)
            yield return ServerProgram.Postgres.MissingMessage;
        else if (Account.Problem(context.State.Root) is { } problem)
            yield return problem;
    }

    internal override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        var folder = context.State.Folder(Name);
        var data = Path.Combine(folder, "data");
        socketFolder = Path.Combine(folder, "run");
        password = context.State.ReadOrCreateSecret($"{Name}-password").Value;

        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
            await InitializeClusterAsync(context, folder, data, cancellationToken);

        Launch(context, new ProcessSpec(program!, ["-D", data, "-p", $"{Port}", "-c", "listen_addresses=127.0.0.1", "-c", $"unix_socket_directories={socketFolder}"])
        {
            WorkingDirectory = folder,
            Account = Account,
        });
        await WaitUntilAsync(context, AcceptsConnectionsAsync, "accepting connections", cancellationToken);
        await ProvisionAsync(cancellationToken);
        SetState(ResourceState.Running);
    }

    // SIGINT is PostgreSQL's "fast" shutdown: abort transactions, disconnect clients, exit cleanly.
    internal override Task StopAsync(ResourceContext context, bool force) => StopProcessAsync(context, UnixSignal.Interrupt, force);

    private async Task InitializeClusterAsync(ResourceContext context, string folder, string data, CancellationToken cancellationToken)
    {
        context.Console.Line(Name, $"creating a new cluster in {data}");
        if (Directory.Exists(data))
            Directory.Delete(data, recursive: true);
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(socketFolder!);
        File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(socketFolder!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await Account.OwnAsync(folder, cancellationToken);

        var initdb = ServerProgram.Postgres.Sibling(program!, "initdb");
        var result = await OneShot.RunAsync(new ProcessSpec(initdb, ["-D", data, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"])
        {
            WorkingDirectory = folder,
            Account = Account,
        }, context.Options.StartupTimeout, cancellationToken);
        result.ThrowIfFailed("initdb");
    }

    private async Task<bool> AcceptsConnectionsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Idempotent: creates the role and database when missing and sets the role's password to the stored one.</summary>
    private async Task ProvisionAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        // the password is hex (StateDirectory.NewSecret), so it needs no quoting beyond the literal
        await ExecuteAsync(connection, $"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Role}') THEN CREATE ROLE {Role} LOGIN; END IF;
            END $$;
            ALTER ROLE {Role} WITH LOGIN PASSWORD '{password}';
            """, cancellationToken);
        await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{Database}'", connection);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            await ExecuteAsync(connection, $"CREATE DATABASE {Database} OWNER {Role}", cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
