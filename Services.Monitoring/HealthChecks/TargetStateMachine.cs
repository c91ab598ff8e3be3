namespace Kiln.Monitoring.HealthChecks;

/// <summary>
/// Debounces one target's checks: up until <c>failuresBeforeDown</c> consecutive failures, down until
/// <c>successesBeforeUp</c> consecutive successes. A target starts up but unsettled (nothing known yet);
/// it settles on its first success or when it goes down.
/// </summary>
public sealed class TargetStateMachine(int failuresBeforeDown, int successesBeforeUp)
{
    public TargetStatus Status { get; private set; } = TargetStatus.Up;

    public bool Settled { get; private set; }

    public int ConsecutiveFailures { get; private set; }

    public int ConsecutiveSuccesses { get; private set; }

    public DateTimeOffset? StatusSince { get; private set; }

    /// <summary>Records one check; returns the new status when it changed, else null.</summary>
    public TargetStatus? Record(bool success, DateTimeOffset at)
    {
        StatusSince ??= at;
        if (success)
        {
            ConsecutiveSuccesses++;
            ConsecutiveFailures = 0;
            if (Status == TargetStatus.Up)
            {
                Settled = true;
                return null;
            }
            return ConsecutiveSuccesses >= successesBeforeUp ? Change(TargetStatus.Up, at) : null;
        }

        ConsecutiveFailures++;
        ConsecutiveSuccesses = 0;
        return Status == TargetStatus.Up && ConsecutiveFailures >= failuresBeforeDown ? Change(TargetStatus.Down, at) : null;
    }

    private TargetStatus Change(TargetStatus status, DateTimeOffset at)
    {
        Status = status;
        Settled = true;
        StatusSince = at;
        return status;
    }
}
