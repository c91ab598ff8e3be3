using Kiln.AppHost.Hosting.Processes;
using Kiln.AppHost.Hosting.State;
using Kiln.Testing;
using Kiln.Testing.Processes;

namespace Kiln.AppHost.Tests;

/// <summary>A run after a killed AppHost first stops what the killed one left running.</summary>
public sealed class LeftoverProcessesTests : IDisposable
{
    private readonly TestStateDirectory folder = new();

    [Fact]
    public async Task Children_remembered_by_a_killed_run_are_stopped_by_the_next()
    {
        var file = Path.Combine(folder.Path, "processes");
        var orphan = ChildProcess.Start(new ProcessSpec("sleep", ["60"]), _ => { });
        new LeftoverProcesses(file).Remember(orphan.Pid);

        var found = await new LeftoverProcesses(file).SweepAsync(CancellationToken.None);

        Assert.Equal(1, found);
        Assert.Equal(137, await orphan.Exited.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task A_reused_pid_is_left_alone()
    {
        var file = Path.Combine(folder.Path, "processes");
        var unrelated = ChildProcess.Start(new ProcessSpec("sleep", ["60"]), _ => { });
        await File.WriteAllTextAsync(file, $"pid {unrelated.Pid} 1\n");

        var found = await new LeftoverProcesses(file).SweepAsync(CancellationToken.None);

        Assert.Equal(0, found);
        Assert.NotNull(LinuxProcess.Read(unrelated.Pid));
        await unrelated.KillAsync();
    }

    public void Dispose() => folder.Dispose();
}
