namespace Kiln.AppHost.Hosting.Processes;

/// <summary>
/// The unprivileged account a server runs as when the launcher runs as root (PostgreSQL refuses root;
/// RabbitMQ's packaging expects its own user). As a normal user, servers simply run as that user.
/// </summary>
internal sealed record ServerAccount(string UserName, string Product, string DebianPackage)
{
    public IEnumerable<string> SwitchTo(IEnumerable<string> command) =>
        ["setpriv", $"--reuid={UserName}", $"--regid={UserName}", "--init-groups", .. command];

    /// <summary>Null when usable, else one line saying what is wrong and what to do.</summary>
    public string? Problem(string stateDirectory)
    {
        if (!Posix.IsRoot)
            return null;
        if (!File.ReadLines("/etc/passwd").Any(line => line.StartsWith(UserName + ":", StringComparison.Ordinal)))
            return $"{Product} must not run as root and there is no '{UserName}' user: install the Debian package {DebianPackage} (it creates the user), or run the AppHost as a normal user";
        var blocked = FirstUnreachableFolder(stateDirectory);
        return blocked is null
            ? null
            : $"the '{UserName}' user cannot reach {stateDirectory} because {blocked} is not searchable by others: set Kiln__StateDirectory to a folder outside it (e.g. /var/tmp/kiln)";
    }

    /// <summary>Gives a folder tree to the account, so the server can write its data there.</summary>
    public async Task OwnAsync(string path, CancellationToken cancellationToken)
    {
        if (!Posix.IsRoot)
            return;
        var result = await OneShot.RunAsync(new ProcessSpec("chown", ["-R", $"{UserName}:{UserName}", path]), TimeSpan.FromSeconds(30), cancellationToken);
        result.ThrowIfFailed($"chown {path}");
    }

    private static string? FirstUnreachableFolder(string path)
    {
        for (var folder = Directory.GetParent(Path.GetFullPath(path)); folder is not null; folder = folder.Parent)
        {
            if (!folder.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
                return folder.FullName;
        }
        return null;
    }
}
