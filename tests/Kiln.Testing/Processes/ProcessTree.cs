namespace Kiln.Testing.Processes;

/// <summary>Finds the processes a test started, directly or not, by reading /proc.</summary>
public static class ProcessTree
{
    /// <summary>Every running process.</summary>
    public static IReadOnlyList<LinuxProcess> All() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => LinuxProcess.Read(int.Parse(name!)))
            .OfType<LinuxProcess>()];

    /// <summary>Children, grandchildren ... of <paramref name="pid"/> (not daemons that detached from it).</summary>
    public static IReadOnlyList<LinuxProcess> Descendants(int pid)
    {
        var byParent = All().ToLookup(p => p.ParentPid);
        var found = new List<LinuxProcess>();
        var pending = new Queue<int>([pid]);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in byParent[parent])
            {
                found.Add(child);
                pending.Enqueue(child.Pid);
            }
        }
        return found;
    }

    /// <summary>
    /// Processes whose command line, environment or working directory mentions <paramref name="text"/>
    /// (a test's unique state folder): catches daemons such as epmd that detached from their parent.
    /// </summary>
    public static IReadOnlyList<LinuxProcess> Mentioning(string text) =>
        [.. All().Where(p => p.Pid != Environment.ProcessId && Mentions(p.Pid, text))];

    private static bool Mentions(int pid, string text)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains(text, StringComparison.Ordinal)
                || File.ReadAllText($"/proc/{pid}/environ").Contains(text, StringComparison.Ordinal)
                || (Directory.ResolveLinkTarget($"/proc/{pid}/cwd", returnFinalTarget: false)?.FullName ?? "").StartsWith(text, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
