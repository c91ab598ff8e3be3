using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiln.ServiceDefaults.Shutdown;

/// <summary>
/// Replaces the console lifetime: the first SIGINT/SIGTERM starts a graceful stop and sets the exit code
/// (130 / 143, the shell convention), a second signal exits at once.
/// </summary>
internal sealed class SignalExitLifetime(IHostApplicationLifetime lifetime, ILogger<SignalExitLifetime> logger) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        var exitCode = context.Signal == PosixSignal.SIGINT ? 130 : 143;
        if (Interlocked.Increment(ref _signals) > 1)
        {
            logger.LogWarning("Second {Signal}: exiting now without draining", context.Signal);
            Environment.Exit(exitCode);
        }
        logger.LogInformation("{Signal} received: stopping intake and draining in-flight work", context.Signal);
        Environment.ExitCode = exitCode;
        lifetime.StopApplication();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }
}
