using Kiln.Contracts;

namespace Kiln.Monitoring.Alerting;

/// <summary>Fires while a polled target is down (after the poller's consecutive-failure threshold).</summary>
public sealed class ServiceDownRuleOptions
{
    public bool Enabled { get; set; } = true;

    public Severity Severity { get; set; } = Severity.Critical;
}
