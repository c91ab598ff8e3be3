using Kiln.Monitoring.HealthChecks;
using Microsoft.Extensions.Options;

namespace Kiln.Monitoring.Alerting.Rules;

/// <summary>A polled target is down; targets not yet observed enough (just after a restart) are left as they are.</summary>
public sealed class ServiceDownRule(HealthStatusBoard board, IOptions<RuleOptions> options) : IAlertRule
{
    public string Name => "service-down";

    public RuleVerdict Evaluate(DateTimeOffset now)
    {
        var rule = options.Value.ServiceDown;
        if (!rule.Enabled) return RuleVerdict.Quiet;
        var targets = board.Current();
        var firing = targets
            .Where(t => t.Status == TargetStatus.Down)
            .Select(t => AlertCandidate.For(Name, t.Name, rule.Severity,
                $"{t.Name} ({t.Kind}, {t.Location}) is down since {t.StatusSince:u}: {t.LastError}"))
            .ToList();
        var undecided = targets
            .Where(t => !board.IsSettled(t.Name))
            .Select(t => AlertCandidate.For(Name, t.Name, rule.Severity, "").Fingerprint)
            .ToHashSet();
        return new RuleVerdict(firing, CanResolve: true, undecided);
    }
}
