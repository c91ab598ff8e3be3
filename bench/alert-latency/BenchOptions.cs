using System.Globalization;

namespace Kiln.Bench.AlertLatency;

/// <summary>Command line: --runs N --interval hh:mm:ss --evaluation-interval hh:mm:ss --group-wait hh:mm:ss --group-interval hh:mm:ss --time-limit-s S --faults a,b --out DIR --monitoring-dll PATH --alerts-dll PATH.</summary>
public sealed record BenchOptions(
    int Runs,
    TimeSpan Interval,
    TimeSpan EvaluationInterval,
    int TimeLimitSeconds,
    int BurstSize,
    IReadOnlySet<string> Faults,
    string OutputDirectory,
    string MonitoringDll,
    TimeSpan GroupWait,
    TimeSpan GroupInterval,
    string AlertsDll)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var root = FindRepositoryRoot();
        return new BenchOptions(
            Math.Clamp(int.Parse(Value("--runs") ?? "5", CultureInfo.InvariantCulture), 1, 50),
            TimeSpan.Parse(Value("--interval") ?? "00:00:10", CultureInfo.InvariantCulture),
            TimeSpan.Parse(Value("--evaluation-interval") ?? "00:00:05", CultureInfo.InvariantCulture),
            Math.Clamp(int.Parse(Value("--time-limit-s") ?? "900", CultureInfo.InvariantCulture), 30, 3_600),
            // One more than the critical-errors rule's default threshold of 5.
            6,
            (Value("--faults") ?? "error-burst,ready-503,process-killed").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(),
            Value("--out") ?? Path.Combine(root, "bench", "results"),
            Value("--monitoring-dll") ?? Path.Combine(root, "Services.Monitoring", "bin", "Release", "net10.0", "Services.Monitoring.dll"),
            // Alertmanager's default group_wait; every first notice of a group waits this long after AlertRaised.
            TimeSpan.Parse(Value("--group-wait") ?? "00:00:30", CultureInfo.InvariantCulture),
            // Not Alertmanager's 5 min: a group is cleared only at the tick after its resolution, and the health faults
            // strike the same service run after run, so a long interval would make run N+1 wait for run N's group.
            TimeSpan.Parse(Value("--group-interval") ?? "00:00:10", CultureInfo.InvariantCulture),
            Value("--alerts-dll") ?? Path.Combine(root, "Services.Alerts", "bin", "Release", "net10.0", "Services.Alerts.dll"));
    }

    private static string FindRepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Kiln.slnx"))) folder = folder.Parent;
        return folder?.FullName ?? Directory.GetCurrentDirectory();
    }
}
