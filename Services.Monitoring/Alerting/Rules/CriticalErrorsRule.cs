using Kiln.Contracts;
using Kiln.Monitoring.ErrorTracking;
using Microsoft.Extensions.Options;

namespace Kiln.Monitoring.Alerting.Rules;

/// <summary>More than N critical ErrorOccurred from one service within the window (default 5 a minute).</summary>
public sealed class CriticalErrorsRule(ErrorStatistics statistics, IOptions<RuleOptions> options) : IAlertRule
{
    public string Name => "critical-errors";

    public RuleVerdict Evaluate(DateTimeOffset now)
    {
        var rule = options.Value.CriticalErrors;
        if (!rule.Enabled) return RuleVerdict.Quiet;
        var firing = statistics.Errors(rule.Window)
            .Where(e => e.Severity == Severity.Critical)
            .GroupBy(e => e.Service)
            .Where(g => g.Count() > rule.Threshold)
            .Select(g => AlertCandidate.For(Name, g.Key, rule.Severity,
                $"{g.Count()} critical errors from {g.Key} in the last {rule.Window.TotalSeconds:0} s (more than {rule.Threshold}); latest: {g.Last().Message}"))
            .ToList();
        return new RuleVerdict(firing, CanResolve: now - statistics.StartedAt >= rule.Window);
    }
}
