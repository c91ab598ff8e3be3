namespace Kiln.AppHost.Hosting;

/// <summary>
/// Delays between restarts of a crashing service: <c>initial</c>, doubled after every crash, capped at
/// <c>max</c>; a run that lasted <c>stableAfter</c> counts as healthy and starts the schedule over.
/// </summary>
public sealed class RestartBackoff(TimeSpan initial, TimeSpan max, TimeSpan stableAfter)
{
    private int crashesInARow;

    /// <summary>The delay before the next start, given how long the crashed run lasted.</summary>
    public TimeSpan NextDelay(TimeSpan uptime)
    {
        if (uptime >= stableAfter)
            crashesInARow = 0;
        var delay = crashesInARow >= 30 ? max : TimeSpan.FromTicks(Math.Min(max.Ticks, initial.Ticks * (1L << crashesInARow)));
        crashesInARow++;
        return delay;
    }
}
