using Kiln.Contracts;
using Kiln.Monitoring.Data;
using Kiln.Monitoring.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Monitoring.Tests;

[Collection(MonitoringCollection.Name)]
public sealed class HealthPollingTests(MonitoringFixture fixture)
{
    private const string Target = MonitoringFixture.FlippableName;

    [Fact]
    public async Task Target_goes_down_after_three_failures_and_up_after_two_successes_publishing_once_per_transition()
    {
        var poller = fixture.Monitoring.Poller;
        var board = fixture.Monitoring.Services.GetRequiredService<IHealthStatusBoard>();
        var before = fixture.Bus.Received<ServiceHealthChanged>(c => c.Service == Target).Count;

        fixture.Service.Ready = true;
        await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(TargetStatus.Up, Status(board));

        fixture.Service.Ready = false;
        await poller.PollOnceAsync(CancellationToken.None);
        await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(TargetStatus.Up, Status(board));
        await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(TargetStatus.Down, Status(board));
        await poller.PollOnceAsync(CancellationToken.None);

        var down = await fixture.Bus.WaitForAsync<ServiceHealthChanged>(c => c.Service == Target, before + 1);
        Assert.Equal(HealthState.Unhealthy, down[^1].Current);
        Assert.Equal(HealthState.Healthy, down[^1].Previous);

        fixture.Service.Ready = true;
        await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(TargetStatus.Down, Status(board));
        await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(TargetStatus.Up, Status(board));
        await poller.PollOnceAsync(CancellationToken.None);

        var all = await fixture.Bus.WaitForAsync<ServiceHealthChanged>(c => c.Service == Target, before + 2);
        await BusObserver.SettleAsync();
        Assert.Equal(before + 2, fixture.Bus.Received<ServiceHealthChanged>(c => c.Service == Target).Count);
        Assert.Equal(HealthState.Healthy, all[^1].Current);
    }

    [Fact]
    public async Task Every_check_is_stored_with_latency_and_error_and_transitions_are_kept()
    {
        var poller = fixture.Monitoring.Poller;
        fixture.Service.Ready = false;
        var since = fixture.Monitoring.Time.GetUtcNow();
        long lastId;
        await using (var before = fixture.Monitoring.Services.CreateAsyncScope())
            lastId = await before.ServiceProvider.GetRequiredService<MonitoringDbContext>().HealthChecks.MaxAsync(c => (long?)c.Id) ?? 0;
        for (var i = 0; i < 3; i++) await poller.PollOnceAsync(CancellationToken.None);
        fixture.Service.Ready = true;
        for (var i = 0; i < 2; i++) await poller.PollOnceAsync(CancellationToken.None);

        await using var scope = fixture.Monitoring.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
        var checks = await db.HealthChecks.Where(c => c.Target == Target && c.Id > lastId).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([false, false, false, true, true], checks.Select(c => c.Success));
        Assert.Contains("503", checks[0].Error);
        Assert.All(checks, c => Assert.True(c.LatencyMs > 0));
        Assert.True(await db.HealthChecks.AnyAsync(c => c.Target == "postgres" && c.Success));
        Assert.True(await db.HealthChecks.AnyAsync(c => c.Target == "rabbitmq" && c.Success));

        // The consumer stores the transitions Monitoring itself published.
        for (var i = 0; i < 250 && !await db.HealthTransitions.AnyAsync(t => t.Service == Target && t.ChangedAt >= since && t.Current == HealthState.Healthy); i++)
            await Task.Delay(20);
        Assert.True(await db.HealthTransitions.AnyAsync(t => t.Service == Target && t.ChangedAt >= since && t.Current == HealthState.Unhealthy));
        Assert.True(await db.HealthTransitions.AnyAsync(t => t.Service == Target && t.ChangedAt >= since && t.Current == HealthState.Healthy));
    }

    [Fact]
    public async Task Retention_deletes_checks_older_than_seven_days_and_keeps_recent_ones()
    {
        var now = fixture.Monitoring.Time.GetUtcNow();
        await using var scope = fixture.Monitoring.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
        db.HealthChecks.Add(new HealthCheckRecord { Target = "retention-old", Success = true, LatencyMs = 1, CheckedAt = now.AddDays(-8) });
        db.HealthChecks.Add(new HealthCheckRecord { Target = "retention-new", Success = true, LatencyMs = 1, CheckedAt = now.AddDays(-6) });
        await db.SaveChangesAsync();

        var deleted = await fixture.Monitoring.Services.GetRequiredService<HealthRetention>().SweepAsync(CancellationToken.None);

        Assert.True(deleted >= 1);
        Assert.False(await db.HealthChecks.AnyAsync(c => c.Target == "retention-old"));
        Assert.True(await db.HealthChecks.AnyAsync(c => c.Target == "retention-new"));
    }

    private static TargetStatus Status(IHealthStatusBoard board) => board.Current().Single(t => t.Name == Target).Status;
}
