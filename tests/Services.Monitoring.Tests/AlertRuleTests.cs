using Kiln.Contracts;
using Kiln.Monitoring.ErrorTracking;
using Kiln.Monitoring.InferenceStats;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Monitoring.Tests;

/// <summary>Events on the real bus, rules evaluated by the test on Monitoring's fake clock.</summary>
[Collection(MonitoringCollection.Name)]
public sealed class AlertRuleTests(MonitoringFixture fixture)
{
    private MonitoringInstance Monitoring => fixture.Monitoring;

    [Fact]
    public async Task Error_burst_raises_exactly_one_alert_and_resolves_when_the_window_passes()
    {
        const string service = "burst-svc";
        for (var i = 0; i < 6; i++)
            await fixture.Bus.PublishAsync(new ErrorOccurred(service, ErrorCategory.Model, Severity.Critical, $"boom {i}", null, DateTimeOffset.UtcNow));
        await WaitUntilAsync(() => Errors().Over(TimeSpan.FromMinutes(1)).ByService.GetValueOrDefault(service) == 6);

        await Monitoring.Evaluator.EvaluateAsync(CancellationToken.None);
        await Monitoring.Evaluator.EvaluateAsync(CancellationToken.None);
        Monitoring.Time.Advance(TimeSpan.FromSeconds(20));
        await Monitoring.Evaluator.EvaluateAsync(CancellationToken.None);

        var raised = await fixture.Bus.WaitForAsync<AlertRaised>(a => a.Service == service);
        await BusObserver.SettleAsync();
        var alert = Assert.Single(fixture.Bus.Received<AlertRaised>(a => a.Service == service));
        Assert.Equal("critical-errors", alert.Name);
        Assert.Equal(Severity.Critical, alert.Severity);
        Assert.Equal(service, alert.Labels["service"]);
        Assert.Equal("critical-errors", alert.Labels["rule"]);
        Assert.NotNull(alert.Links);
        Assert.Empty(fixture.Bus.Received<AlertResolved>(a => a.Service == service));

        Monitoring.Time.Advance(TimeSpan.FromSeconds(41));
        await Monitoring.Evaluator.EvaluateAsync(CancellationToken.None);

        var resolved = await fixture.Bus.WaitForAsync<AlertResolved>(a => a.Service == service);
        Assert.Equal(raised[0].Fingerprint, Assert.Single(resolved).Fingerprint);
    }

    [Fact]
    public async Task Five_critical_errors_a_minute_do_not_raise_an_alert()
    {
        const string service = "five-svc";
        for (var i = 0; i < 5; i++)
            await fixture.Bus.PublishAsync(new ErrorOccurred(service, ErrorCategory.Model, Severity.Critical, "boom", null, DateTimeOffset.UtcNow));
        for (var i = 0; i < 3; i++)
            await fixture.Bus.PublishAsync(new ErrorOccurred(service, ErrorCategory.Model, Severity.Error, "not critical", null, DateTimeOffset.UtcNow));
        await WaitUntilAsync(() => Errors().Over(TimeSpan.FromMinutes(1)).ByService.GetValueOrDefault(service) == 8);

        await Monitoring.Evaluator.EvaluateAsync(CancellationToken.None);

        await BusObserver.SettleAsync();
        Assert.Empty(fixture.Bus.Received<AlertRaised>(a => a.Service == service));
    }

    [Fact]
    public async Task Database_errors_raise_their_own_alert()
    {
        const string service = "db-svc";
        for (var i = 0; i < 4; i++)
            await fixture.Bus.PublishAsync(new ErrorOccurred(service, ErrorCategory.Resource, Severity.Error, "connection refused", null, DateTimeOffset.UtcNow, "postgres"));
        await WaitUntilAsync(() => Errors().Over(TimeSpan.FromMinutes(1)).ByService.GetValueOrDefault(service) == 4);

        await Monitoring.Evaluator.EvaluateAsync(CancellationToken.None);

        var alert = Assert.Single(await fixture.Bus.WaitForAsync<AlertRaised>(a => a.Service == service));
        Assert.Equal("database-errors", alert.Name);
        Assert.Equal("postgres", alert.Labels["component"]);
    }

    [Fact]
    public async Task Api_error_rate_fires_above_ten_percent_only_with_enough_requests()
    {
        await PublishRequestsAsync(ok: 1, failed: 1);
        await WaitUntilAsync(() => Errors().Over(TimeSpan.FromMinutes(5)).ApiRequests >= 2);
        await Monitoring.Evaluator.EvaluateAsync(CancellationToken.None);
        await BusObserver.SettleAsync();
        Assert.Empty(fixture.Bus.Received<AlertRaised>(a => a.Name == "api-error-rate"));

        await PublishRequestsAsync(ok: 16, failed: 2, rateLimited: 2);
        await WaitUntilAsync(() => Errors().Over(TimeSpan.FromMinutes(5)).ApiRequests >= 22);
        var stats = Errors().Over(TimeSpan.FromMinutes(5));
        Assert.Equal(3, stats.ApiServerErrors);
        Assert.Equal(2, stats.RateLimited);
        await Monitoring.Evaluator.EvaluateAsync(CancellationToken.None);

        var alert = Assert.Single(await fixture.Bus.WaitForAsync<AlertRaised>(a => a.Name == "api-error-rate"));
        Assert.Equal("api", alert.Service);

        Monitoring.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await Monitoring.Evaluator.EvaluateAsync(CancellationToken.None);
        Assert.Single(await fixture.Bus.WaitForAsync<AlertResolved>(a => a.Fingerprint == alert.Fingerprint));
    }

    [Fact]
    public async Task Inference_p95_latency_above_threshold_fires_and_queue_wait_below_does_not()
    {
        for (var i = 0; i < 10; i++)
            await fixture.Bus.PublishAsync(Generation(promptMs: 200, generationMs: i < 8 ? 300 : 4_000, queueWaitMs: 5));
        await WaitUntilAsync(() => Inference().Over(TimeSpan.FromMinutes(5)).Generations >= 10);
        var stats = Inference().Over(TimeSpan.FromMinutes(5));
        Assert.Equal(4_200, stats.LatencyP95Ms);
        Assert.Equal(500, stats.LatencyP50Ms);

        await Monitoring.Evaluator.EvaluateAsync(CancellationToken.None);

        var alert = Assert.Single(await fixture.Bus.WaitForAsync<AlertRaised>(a => a.Name == "inference-latency"));
        Assert.Equal("inference", alert.Service);
        await BusObserver.SettleAsync();
        Assert.Empty(fixture.Bus.Received<AlertRaised>(a => a.Name == "inference-queue-wait"));

        Monitoring.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await Monitoring.Evaluator.EvaluateAsync(CancellationToken.None);
        Assert.Single(await fixture.Bus.WaitForAsync<AlertResolved>(a => a.Fingerprint == alert.Fingerprint));
    }

    private async Task PublishRequestsAsync(int ok, int failed, int rateLimited = 0)
    {
        var statuses = Enumerable.Repeat(200, ok).Concat(Enumerable.Repeat(500, failed)).Concat(Enumerable.Repeat(429, rateLimited));
        foreach (var status in statuses)
            await fixture.Bus.PublishAsync(new ApiRequestCompleted(Guid.NewGuid().ToString("N"), "key", "/v1/chat/completions", "m", status, null, null, 5, 1, 1, DateTimeOffset.UtcNow));
    }

    internal static InferenceCompleted Generation(double promptMs, double generationMs, double queueWaitMs) => new(
        Guid.NewGuid(), "key", "kiln-test", FinishReason.Stop, new Usage(10, 20),
        new GenerationTimings(queueWaitMs, promptMs, generationMs, 50, 20_000 / generationMs), new GpuFigures(false), DateTimeOffset.UtcNow);

    private ErrorStatistics Errors() => Monitoring.Services.GetRequiredService<ErrorStatistics>();

    private InferenceStatistics Inference() => Monitoring.Services.GetRequiredService<InferenceStatistics>();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(20);
        Assert.True(condition(), "the events did not arrive within 10 s");
    }
}
