using Kiln.Alerts.Data;
using Kiln.Alerts.Delivery;
using Kiln.Alerts.Grouping;
using Kiln.Alerts.Inhibition;
using Kiln.Alerts.Routing;
using Kiln.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Kiln.Alerts.Tests;

/// <summary>Alertmanager's timers (defaults 30 s / 5 min / 4 h) on the real schema, driven by a FakeTimeProvider.</summary>
[Collection(AlertsSystemCollection.Name)]
public sealed class GroupTimingTests(AlertsSystemFixture system) : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly IOptions<AlertsOptions> options = Options.Create(new AlertsOptions
    {
        Route = new AlertRouteOptions { Receiver = "default", GroupBy = ["alertname"] },
        Email = new EmailOptions { SmtpHost = "smtp.kiln.test", From = "alerts@kiln.test", To = "oncall@kiln.test" },
        Slack = new SlackOptions { WebhookUrl = "https://hooks.slack.test/services/T/B/X" },
    });
    private string connectionString = "";

    public async Task InitializeAsync()
    {
        connectionString = await system.CreateDatabaseAsync();
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Group_waits_group_wait_then_repeats_only_after_repeat_interval()
    {
        await RaiseAsync("timing-1", "HighErrorRate");
        Assert.Equal(0, await FlushAsync());
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await FlushAsync());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await FlushAsync()); // email and Slack

        // Repeats of the same alert and every group_interval tick within repeat_interval send nothing.
        for (var tick = 1; tick < 48; tick++)
        {
            if (tick % 10 == 0) await RaiseAsync("timing-1", "HighErrorRate");
            time.Advance(TimeSpan.FromMinutes(5));
            Assert.Equal(2, await FlushAsync());
        }
        time.Advance(TimeSpan.FromMinutes(5)); // 4 h after the first notification
        Assert.Equal(4, await FlushAsync());
    }

    [Fact]
    public async Task New_alert_in_a_ticking_group_waits_for_the_next_group_interval_and_resolve_is_sent()
    {
        await RaiseAsync("tick-1", "HighLatency");
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, await FlushAsync());

        time.Advance(TimeSpan.FromMinutes(1));
        await RaiseAsync("tick-2", "HighLatency");
        time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(2, await FlushAsync());
        time.Advance(TimeSpan.FromMinutes(1)); // group_interval after the first flush
        Assert.Equal(4, await FlushAsync());

        await using (var db = NewContext())
            await new AlertIntake(db, Tree(), time).ResolveAsync(new AlertResolved("tick-1", "HighLatency", "api", time.GetUtcNow()), default);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(6, await FlushAsync());
        await using (var db = NewContext())
        {
            var last = await db.Notifications.OrderByDescending(n => n.CreatedAt).FirstAsync();
            Assert.Contains("[FIRING:1] HighLatency", last.Title, StringComparison.Ordinal);
            var content = System.Text.Json.JsonSerializer.Deserialize<NotificationContent>(last.PayloadJson)!;
            Assert.Equal("tick-1", Assert.Single(content.ResolvedAlerts).Fingerprint);
            Assert.Equal("tick-2", Assert.Single(content.FiringAlerts).Fingerprint);
        }
    }

    [Fact]
    public async Task Concurrent_flushers_flush_a_due_group_once()
    {
        for (var i = 0; i < 10; i++) await RaiseAsync($"race-{i}", $"Race{i}");
        time.Advance(TimeSpan.FromSeconds(30));
        var contexts = Enumerable.Range(0, 4).Select(_ => NewContext()).ToList();
        await Task.WhenAll(contexts.Select(db => Flusher(db).FlushDueAsync(100, default)));
        foreach (var db in contexts) await db.DisposeAsync();
        Assert.Equal(20, await CountAsync());
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(20, await FlushAsync());
    }

    private async Task RaiseAsync(string fingerprint, string name)
    {
        await using var db = NewContext();
        await new AlertIntake(db, Tree(), time).RaiseAsync(
            new AlertRaised(fingerprint, name, Severity.Error, "api", $"{name} on api", new Dictionary<string, string>(), time.GetUtcNow()), default);
    }

    private async Task<int> FlushAsync()
    {
        await using (var db = NewContext()) await Flusher(db).FlushDueAsync(100, default);
        return await CountAsync();
    }

    private async Task<int> CountAsync()
    {
        await using var db = NewContext();
        return await db.Notifications.CountAsync();
    }

    private GroupFlusher Flusher(AlertsDbContext db) => new(db, new Inhibitor(InhibitRuleOptions.Defaults),
        new OutboxWriter(db, new ReceiverChannels(options), NullLogger<OutboxWriter>.Instance), time, NullLogger<GroupFlusher>.Instance);

    private RouteTree Tree() => new(options.Value.Route);

    private AlertsDbContext NewContext() => new(new DbContextOptionsBuilder<AlertsDbContext>()
        .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", AlertsDbContext.Schema)).Options);
}
