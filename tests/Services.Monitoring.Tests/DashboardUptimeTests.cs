using Kiln.Contracts;
using Kiln.Monitoring.Dashboard.Live;

namespace Kiln.Monitoring.Tests;

public sealed class DashboardUptimeTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddHours(24);

    [Fact]
    public void Six_hours_down_in_a_day_is_75_percent()
    {
        var before = new HealthTransitionPoint(From.AddDays(-1), HealthState.Unhealthy, HealthState.Healthy);
        HealthTransitionPoint[] inWindow =
        [
            new(From.AddHours(6), HealthState.Healthy, HealthState.Unhealthy),
            new(From.AddHours(12), HealthState.Unhealthy, HealthState.Healthy),
        ];

        Assert.Equal(75, Uptime.Percent(before, inWindow, From, To));
    }

    [Fact]
    public void Degraded_time_does_not_count_as_up()
    {
        var before = new HealthTransitionPoint(From.AddDays(-1), HealthState.Healthy, HealthState.Degraded);

        Assert.Equal(0, Uptime.Percent(before, [], From, To));
    }

    [Fact]
    public void Only_the_part_after_the_first_report_counts_when_nothing_came_before()
    {
        HealthTransitionPoint[] inWindow = [new(From.AddHours(20), HealthState.Unhealthy, HealthState.Healthy)];

        // Known from hour 20: unhealthy at that instant, then healthy for 4 hours.
        Assert.Equal(100, Uptime.Percent(null, inWindow, From, To));
    }

    [Fact]
    public void Nothing_known_gives_no_figure()
    {
        Assert.Null(Uptime.Percent(null, [], From, To));
    }
}
