using Kiln.Monitoring.ErrorTracking;
using Microsoft.Extensions.Options;

namespace Kiln.Monitoring.Alerting.Rules;

/// <summary>Api 5xx responses above a share of all Api requests over the window, once there are enough requests to judge.</summary>
public sealed class ApiErrorRateRule(ErrorStatistics statistics, IOptions<RuleOptions> options) : IAlertRule
{
    public const string Service = "api";

    public string Name => "api-error-rate";

    public RuleVerdict Evaluate(DateTimeOffset now)
    {
        var rule = options.Value.ApiErrorRate;
        if (!rule.Enabled) return RuleVerdict.Quiet;
        var codes = statistics.ApiStatusCodes(rule.Window);
        var canResolve = now - statistics.StartedAt >= rule.Window;
        if (codes.Count < rule.MinimumRequests) return new RuleVerdict([], canResolve);
        var serverErrors = codes.Count(c => c >= 500);
        var percent = 100.0 * serverErrors / codes.Count;
        if (percent <= rule.ThresholdPercent) return new RuleVerdict([], canResolve);
        return new RuleVerdict(
            [AlertCandidate.For(Name, Service, rule.Severity,
                $"Api error rate {percent:0.#} % ({serverErrors} of {codes.Count} requests answered 5xx) over {rule.Window.TotalMinutes:0.#} min, above {rule.ThresholdPercent:0.#} %")],
            canResolve);
    }
}
