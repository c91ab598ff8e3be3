namespace Kiln.Bench.AlertLatency.Faults;

/// <summary>
/// A fault that Monitoring should alert on. Inject, then wait for the alert named by <see cref="Rule"/> and
/// <see cref="AlertService"/>; restore before the next run. Reusable by any harness (e.g. one that waits for the
/// notice at the Alerts service's receivers instead of AlertRaised on the bus).
/// </summary>
public interface IFault : IAsyncDisposable
{
    /// <summary>Short name for reports ("error-burst", "ready-503", "process-killed").</summary>
    string Name { get; }

    /// <summary>The Monitoring rule expected to fire.</summary>
    string Rule { get; }

    /// <summary>The service the alert will carry for run <paramref name="run"/>.</summary>
    string AlertService(int run);

    /// <summary>Whether the alert must resolve before the next run (it does when every run reuses one target).</summary>
    bool ResolveBetweenRuns { get; }

    /// <summary>Makes the fault happen; returns at the moment the fault is in place (the clock starts then).</summary>
    Task InjectAsync(int run, CancellationToken cancellationToken);

    /// <summary>Undoes the fault.</summary>
    Task RestoreAsync(CancellationToken cancellationToken);
}
