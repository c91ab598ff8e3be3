namespace Kiln.AppHost.Hosting.Processes;

/// <summary>A server program the launcher needs, where to look for it, and what to say when it is missing.</summary>
internal sealed record ServerProgram(string Program, string DebianPackage, string ConnectionStringName, string Product)
{
    /// <summary>Searched before PATH, e.g. the Debian folders that are not on PATH.</summary>
    public IReadOnlyList<string> PreferredFolders { get; init; } = [];

    public static ServerProgram Redis { get; } = new("redis-server", "redis-server", "redis", "Redis");

    public static ServerProgram Postgres { get; } = new("postgres", "postgresql", "postgres", "PostgreSQL")
    {
        PreferredFolders = DebianPostgresFolders(),
    };

    public static ServerProgram RabbitMq { get; } = new("rabbitmq-server", "rabbitmq-server", "rabbitmq", "RabbitMQ")
    {
        // The real script, not the /usr/sbin wrapper that re-launches itself through su.
        PreferredFolders = ["/usr/lib/rabbitmq/bin"],
    };

    public string MissingMessage =>
        $"{Program} not found: install the Debian package {DebianPackage}, or set ConnectionStrings__{ConnectionStringName} to use an existing {Product}";

    /// <summary>Full path of the program, or null when it is not installed.</summary>
    public string? Find(string? searchPath = null) => FindIn(SearchFolders(searchPath), Program);

    /// <summary>A companion program (initdb, rabbitmqctl) from the same folder as the server.</summary>
    public string Sibling(string serverPath, string program) =>
        FindIn([Path.GetDirectoryName(serverPath)!], program)
        ?? throw new ResourceStartException($"{program} not found next to {serverPath}: reinstall the Debian package {DebianPackage}");

    internal static string? FindIn(IEnumerable<string> folders, string program) =>
        folders.Select(folder => Path.Combine(folder, program)).FirstOrDefault(IsExecutable);

    private IEnumerable<string> SearchFolders(string? searchPath)
    {
        var path = (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        // sbin is missing from a normal user's PATH on Debian
        return [.. PreferredFolders, .. path, "/usr/sbin", "/sbin"];
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file) && (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static string[] DebianPostgresFolders()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
            return [];
        return [.. Directory.GetDirectories(root)
            .Select(folder => (folder, version: int.TryParse(Path.GetFileName(folder), out var v) ? v : 0))
            .OrderByDescending(entry => entry.version)
            .Select(entry => Path.Combine(entry.folder, "bin"))];
    }
}
