using System.Runtime.InteropServices;

namespace Kiln.AppHost.Hosting.Processes;

/// <summary>Signals the launcher sends; the numbers are Linux's.</summary>
internal enum UnixSignal
{
    Interrupt = 2,
    Kill = 9,
    Terminate = 15,
}

/// <summary>The few POSIX calls .NET does not expose.</summary>
internal static partial class Posix
{
    public static bool IsRoot { get; } = OperatingSystem.IsLinux() && geteuid() == 0;

    /// <summary>Sends a signal to one process; false when it is already gone.</summary>
    public static bool Signal(int pid, UnixSignal signal) => kill(pid, (int)signal) == 0;

    /// <summary>Sends a signal to every process of a group (children run as group leaders via setsid).</summary>
    public static bool SignalGroup(int groupId, UnixSignal signal) => kill(-groupId, (int)signal) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
