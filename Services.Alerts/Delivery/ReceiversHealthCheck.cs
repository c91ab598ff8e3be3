using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kiln.Alerts.Delivery;

/// <summary>Degraded while no channel is configured or a receiver's circuit breaker is open.</summary>
internal sealed class ReceiversHealthCheck(ReceiverChannels channels, DeliveryPipelines pipelines) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var configured = channels.Describe();
        if (configured.Count == 0)
            return Task.FromResult(HealthCheckResult.Degraded("No alert channel is configured (Alerts:Email:SmtpHost, Alerts:Slack:WebhookUrl): alerts are recorded but not sent."));
        var broken = pipelines.Broken();
        if (broken.Count > 0)
            return Task.FromResult(HealthCheckResult.Degraded($"Circuit open for {string.Join(", ", broken)}; notifications wait in the outbox."));
        return Task.FromResult(HealthCheckResult.Healthy($"Channels: {string.Join(", ", configured)}."));
    }
}
