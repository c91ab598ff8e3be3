using Kiln.Monitoring.ErrorTracking;
using Microsoft.Extensions.Options;

namespace Kiln.Monitoring.Alerting.Rules;

/// <summary>More than N database connection errors (see <see cref="DatabaseErrors"/>) from one service within the window.</summary>
public sealed class DatabaseErrorsRule(ErrorStatistics statistics, IOptions<RuleOptions> options) : IAlertRule
{
    public string Name => "database-errors";

    public RuleVerdict Evaluate(DateTimeOffset now)
    {
        var rule = options.Value.DatabaseErrors;
        if (!rule.Enabled) return RuleVerdict.Quiet;
        var firing = statistics.Errors(rule.Window)
            .Where(DatabaseErrors.Matches)
            .GroupBy(e => e.Service)
            .Where(g => g.Count() > rule.Threshold)
            .Select(g => AlertCandidate.For(Name, g.Key, rule.Severity,
                $"{g.Count()} database errors from {g.Key} in the last {rule.Window.TotalSeconds:0} s (more than {rule.Threshold}); latest: {g.Last().Message}",
                ("component", DatabaseErrors.Component)))
            .ToList();
        return new RuleVerdict(firing, CanResolve: now - statistics.StartedAt >= rule.Window);
    }
}
