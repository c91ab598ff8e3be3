using Kiln.Contracts;
using Kiln.Monitoring.ErrorTracking;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Monitoring.Tests;

/// <summary>Firing alerts are kept in PostgreSQL: a restarted Monitoring neither raises them again nor forgets to resolve them.</summary>
[Collection(MonitoringCollection.Name)]
public sealed class RestartTests(MonitoringFixture fixture)
{
    [Fact]
    public async Task Restart_does_not_reraise_a_firing_alert_and_still_resolves_it()
    {
        const string service = "restart-svc";
        var settings = fixture.Settings();

        await using (var first = await MonitoringInstance.StartAsync(settings))
        {
            var errors = first.Services.GetRequiredService<ErrorStatistics>();
            for (var i = 0; i < 6; i++)
                errors.Record(new ErrorOccurred(service, ErrorCategory.Model, Severity.Critical, "boom", null, DateTimeOffset.UtcNow));
            await first.Evaluator.EvaluateAsync(CancellationToken.None);
            await fixture.Bus.WaitForAsync<AlertRaised>(a => a.Service == service);
        }

        await using var second = await MonitoringInstance.StartAsync(settings);
        await second.Evaluator.EvaluateAsync(CancellationToken.None);
        second.Time.Advance(TimeSpan.FromSeconds(30));
        await second.Evaluator.EvaluateAsync(CancellationToken.None);
        await BusObserver.SettleAsync();
        Assert.Single(fixture.Bus.Received<AlertRaised>(a => a.Service == service));
        Assert.Empty(fixture.Bus.Received<AlertResolved>(a => a.Service == service));

        second.Time.Advance(TimeSpan.FromSeconds(31));
        await second.Evaluator.EvaluateAsync(CancellationToken.None);
        await fixture.Bus.WaitForAsync<AlertResolved>(a => a.Service == service);
    }
}
