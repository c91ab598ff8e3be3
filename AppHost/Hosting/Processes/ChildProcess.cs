using System.Diagnostics;

namespace Kiln.AppHost.Hosting.Processes;

/// <summary>A long-running child in its own process group, with its output fanned in line by line.</summary>
internal sealed class ChildProcess
{
    private readonly Process process;
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process) => this.process = process;

    public int Pid => process.Id;

    /// <summary>Completes with the exit code (128 + signal when killed). Unlike Process.WaitForExitAsync it
    /// does not wait for the output pipes to close, which a daemon the child spawned may hold open.</summary>
    public Task<int> Exited => exited.Task;

    public bool HasExited => exited.Task.IsCompleted;

    public static ChildProcess Start(ProcessSpec spec, Action<string> onOutputLine)
    {
        var process = new Process { StartInfo = StartInfoFor(spec), EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onOutputLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onOutputLine(e.Data); };
        process.Exited += (_, _) => child.exited.TrySetResult(process.ExitCode);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (process.HasExited)
            child.exited.TrySetResult(process.ExitCode);
        return child;
    }

    /// <summary>Sends <paramref name="signal"/>, waits up to <paramref name="grace"/>, then kills the whole group.</summary>
    public async Task<int> StopAsync(UnixSignal signal, TimeSpan grace, TimeProvider time)
    {
        if (!HasExited)
        {
            Posix.Signal(Pid, signal);
            await WaitAsync(grace, time);
        }
        // Also sweeps helpers left in the group after the leader is gone.
        Posix.SignalGroup(Pid, UnixSignal.Kill);
        return await Exited;
    }

    /// <summary>Kills the child and its group at once.</summary>
    public Task<int> KillAsync()
    {
        Posix.SignalGroup(Pid, UnixSignal.Kill);
        Posix.Signal(Pid, UnixSignal.Kill);
        return Exited;
    }

    /// <summary>True when the child exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time)
    {
        try
        {
            await Exited.WaitAsync(timeout, time);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    internal static ProcessStartInfo StartInfoFor(ProcessSpec spec)
    {
        var command = spec.CommandLine();
        var info = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
            info.ArgumentList.Add(argument);
        if (!spec.InheritEnvironment)
            info.Environment.Clear();
        foreach (var (name, value) in spec.Environment)
            info.Environment[name] = value;
        return info;
    }
}
