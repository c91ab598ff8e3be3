namespace Kiln.AppHost.Hosting.Processes;

/// <summary>What to run: program, arguments, folder, environment, and under which account.</summary>
internal sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables set on top of the inherited ones (or instead of them, see <see cref="InheritEnvironment"/>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public bool InheritEnvironment { get; init; } = true;

    /// <summary>Unprivileged account to switch to when the launcher runs as root.</summary>
    public ServerAccount? Account { get; init; }

    /// <summary>Raise the open-files limit to this before starting (or as far as the hard limit allows).</summary>
    public int? OpenFilesLimit { get; init; }

    /// <summary>
    /// The command line actually executed. Every wrapper execs the next one, so the pid the launcher
    /// holds ends up being the server's own pid. setsid makes it a session and group leader: a
    /// terminal's Ctrl+C reaches only the launcher (which then stops children in order), and the
    /// launcher can signal the child's whole group.
    /// </summary>
    public IReadOnlyList<string> CommandLine()
    {
        IEnumerable<string> command = [FileName, .. Arguments];
        if (Account is not null && Posix.IsRoot)
            command = Account.SwitchTo(command);
        if (OpenFilesLimit is { } limit)
            command = ["sh", "-c", $"ulimit -n {limit} 2>/dev/null || ulimit -n \"$(ulimit -Hn)\" 2>/dev/null; exec \"$@\"", "sh", .. command];
        return ["setsid", .. command];
    }
}
