using System.Diagnostics;
using Kiln.AppHost.Hosting;
using Kiln.Testing.Processes;

namespace Kiln.Testing.System;

/// <summary>
/// The AppHost run as a real child process (<c>dotnet AppHost.dll</c>) on free ports in a temp folder,
/// for tests of its command-line life cycle: signals, exit codes, what it leaves behind.
/// Disposing kills whatever it left running and deletes the folder.
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly TestStateDirectory state = new();

    private AppHostProcess(IReadOnlyDictionary<string, string> environment)
    {
        var layout = RepositoryLayout.Discover(new KilnAppOptions());
        var info = new ProcessStartInfo(RepositoryLayout.DotnetHost, [layout.ProjectAssembly("AppHost")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = layout.Root,
        };
        // nothing from the test's own environment may point the AppHost elsewhere
        foreach (var name in info.Environment.Keys.Where(IsKilnSetting).ToList())
            info.Environment.Remove(name);
        info.Environment["Kiln__StateDirectory"] = state.Path;
        info.Environment["Kiln__FreePorts"] = "true";
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
            info.Environment[name] = value;

        process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
    }

    public int Pid => process.Id;

    public string StateDirectory => state.Path;

    /// <summary>Its output so far.</summary>
    public string Output
    {
        get
        {
            lock (lines)
                return string.Join('\n', lines);
        }
    }

    /// <summary>Starts it with <paramref name="environment"/> on top of a temp state folder and free ports.</summary>
    public static AppHostProcess Start(IReadOnlyDictionary<string, string>? environment = null)
    {
        var appHost = new AppHostProcess(environment ?? new Dictionary<string, string>());
        appHost.process.Start();
        appHost.process.BeginOutputReadLine();
        appHost.process.BeginErrorReadLine();
        return appHost;
    }

    /// <summary>Waits for an output line containing <paramref name="text"/>; throws with the output when it exits or times out first.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            lock (lines)
            {
                if (lines.FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal)) is { } found)
                    return found;
            }
            if (process.HasExited)
                throw new InvalidOperationException($"the AppHost exited with code {process.ExitCode} before printing \"{text}\":\n{Output}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"the AppHost did not print \"{text}\" within {timeout.TotalSeconds:0}s:\n{Output}");
    }

    /// <summary>Sends SIGTERM (or another signal, by name) the way a process manager would.</summary>
    public async Task SignalAsync(string signal = "TERM")
    {
        using var kill = Process.Start("kill", ["-" + signal, $"{Pid}"]);
        await kill.WaitForExitAsync();
    }

    /// <summary>The exit code, or null when it did not exit in time.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Every process the AppHost started that still runs: its descendants and anything mentioning its state folder.</summary>
    public IReadOnlyList<LinuxProcess> Processes() =>
        [.. ProcessTree.Descendants(Pid).UnionBy(ProcessTree.Mentioning(state.Path), p => p.Pid)];

    public async ValueTask DisposeAsync()
    {
        var leftovers = process.HasExited ? ProcessTree.Mentioning(state.Path) : Processes();
        if (!process.HasExited)
            process.Kill();
        foreach (var leftover in leftovers.Where(p => p.IsRunning))
        {
            try
            {
                Process.GetProcessById(leftover.Pid).Kill();
            }
            catch (ArgumentException)
            {
            }
        }
        await process.WaitForExitAsync();
        process.Dispose();
        state.Dispose();
    }

    private static bool IsKilnSetting(string name) =>
        name.StartsWith("Kiln__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Admin__", StringComparison.OrdinalIgnoreCase);

    private void Collect(string? line)
    {
        if (line is null)
            return;
        lock (lines)
            lines.Add(line);
    }
}
