using Kiln.AppHost.Hosting.Processes;

namespace Kiln.AppHost.Hosting.State;

/// <summary>
/// Remembers the children of this run in the state folder, so that a run after a killed AppHost
/// (kill -9 leaves its children running, holding ports and data locks) can stop them first.
/// </summary>
internal sealed class LeftoverProcesses(string file)
{
    private readonly Lock gate = new();

    /// <summary>Kills what a previous run left behind; returns how many it found.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
            return 0;
        var found = 0;
        foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
        {
            var parts = line.Split(' ', 3);
            if (parts is ["pid", var pidText, var startTime] && int.TryParse(pidText, out var pid) && StartTimeOf(pid) == startTime)
            {
                found++;
                Posix.SignalGroup(pid, UnixSignal.Kill);
                Posix.Signal(pid, UnixSignal.Kill);
            }
            else if (parts is ["epmd", var epmd, var port])
            {
                await OneShot.RunAsync(EpmdKill(epmd, port), TimeSpan.FromSeconds(5), cancellationToken);
            }
        }
        File.Delete(file);
        return found;
    }

    public void Remember(int pid)
    {
        if (StartTimeOf(pid) is { } startTime)
            Append($"pid {pid} {startTime}");
    }

    public void RememberEpmd(string epmd, int port) => Append($"epmd {epmd} {port}");

    /// <summary>After a clean stop nothing is left to sweep.</summary>
    public void Forget()
    {
        lock (gate)
            File.Delete(file);
    }

    internal static ProcessSpec EpmdKill(string epmd, string port) =>
        new(epmd, ["-port", port, "-kill"]) { Environment = new Dictionary<string, string> { ["ERL_EPMD_ADDRESS"] = "127.0.0.1" } };

    /// <summary>Field 22 of /proc/PID/stat: tells a process from a later one that reused its pid.</summary>
    internal static string? StartTimeOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] == "Z" ? null : fields[19];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void Append(string line)
    {
        lock (gate)
            File.AppendAllLines(file, [line]);
    }
}
