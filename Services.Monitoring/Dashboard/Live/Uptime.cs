using Kiln.Contracts;

namespace Kiln.Monitoring.Dashboard.Live;

/// <summary>Share of a window spent healthy, from a component's health transitions (oldest first).</summary>
public static class Uptime
{
    /// <param name="before">The last transition before the window, if any: the state the window starts in.</param>
    /// <returns>Percent of the known part of the window spent healthy; null when nothing is known.</returns>
    public static double? Percent(HealthTransitionPoint? before, IReadOnlyList<HealthTransitionPoint> inWindow, DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return null;
        HealthState? state = before?.Current;
        var cursor = from;
        if (state is null && inWindow.Count > 0)
        {
            // Nothing known before the first report inside the window: the known part starts there.
            cursor = inWindow[0].At;
            state = inWindow[0].Previous;
        }
        if (state is null) return null;

        TimeSpan known = TimeSpan.Zero, healthy = TimeSpan.Zero;
        foreach (var transition in inWindow)
        {
            var at = transition.At < cursor ? cursor : transition.At > to ? to : transition.At;
            Add(state.Value, at - cursor, ref known, ref healthy);
            cursor = at;
            state = transition.Current;
        }
        Add(state.Value, to - cursor, ref known, ref healthy);
        return known <= TimeSpan.Zero ? null : Math.Round(100.0 * healthy / known, 2);
    }

    private static void Add(HealthState state, TimeSpan span, ref TimeSpan known, ref TimeSpan healthy)
    {
        known += span;
        if (state == HealthState.Healthy) healthy += span;
    }
}

public readonly record struct HealthTransitionPoint(DateTimeOffset At, HealthState Previous, HealthState Current);
