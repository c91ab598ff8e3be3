using Kiln.AppHost.Hosting;

namespace Kiln.AppHost.Tests;

public sealed class RestartBackoffTests
{
    private static readonly TimeSpan QuickCrash = TimeSpan.FromSeconds(2);

    [Fact]
    public void Delay_doubles_with_every_crash_up_to_the_cap()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), stableAfter: TimeSpan.FromMinutes(1));

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.NextDelay(QuickCrash).TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
    }

    [Fact]
    public void A_run_that_lasted_starts_the_schedule_over()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), stableAfter: TimeSpan.FromMinutes(1));
        backoff.NextDelay(QuickCrash);
        backoff.NextDelay(QuickCrash);
        backoff.NextDelay(QuickCrash);

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.NextDelay(TimeSpan.FromMinutes(5)));
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.NextDelay(QuickCrash));
    }

    [Fact]
    public void Many_crashes_never_overflow_the_cap()
    {
        var backoff = new RestartBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30), stableAfter: TimeSpan.FromMinutes(1));

        var delays = new List<TimeSpan>();
        for (var crash = 0; crash < 200; crash++)
            delays.Add(backoff.NextDelay(QuickCrash));

        Assert.Equal(TimeSpan.FromSeconds(30), delays.Max());
        Assert.Equal(TimeSpan.FromSeconds(30), delays[^1]);
    }
}
