namespace Kiln.Testing.Processes;

/// <summary>A process seen in /proc; its start time tells it apart from a later process that reuses the pid.</summary>
public sealed record LinuxProcess(int Pid, int ParentPid, string StartTime, string CommandLine)
{
    /// <summary>True while this very process exists and is not a zombie.</summary>
    public bool IsRunning => Read(Pid) is { } now && now.StartTime == StartTime;

    /// <summary>The process as /proc shows it now; null when gone or a zombie (a zombie holds nothing but its pid).</summary>
    public static LinuxProcess? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields[0] is "Z" or "X")
                return null;
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return new LinuxProcess(pid, int.Parse(fields[1]), fields[19], commandLine);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public override string ToString() => $"{Pid} {CommandLine}";
}
