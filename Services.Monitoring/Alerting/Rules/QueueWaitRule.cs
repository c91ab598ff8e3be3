using Kiln.Monitoring.InferenceStats;
using Kiln.Monitoring.Statistics;
using Microsoft.Extensions.Options;

namespace Kiln.Monitoring.Alerting.Rules;

/// <summary>p95 of the time generations waited for a slot (Timings.QueueWaitMs) above the threshold: too little capacity.</summary>
public sealed class QueueWaitRule(InferenceStatistics statistics, IOptions<RuleOptions> options) : IAlertRule
{
    public string Name => "inference-queue-wait";

    public RuleVerdict Evaluate(DateTimeOffset now)
    {
        var rule = options.Value.QueueWait;
        if (!rule.Enabled) return RuleVerdict.Quiet;
        var waits = statistics.Completed(rule.Window).Select(g => g.Timings.QueueWaitMs).ToList();
        var canResolve = now - statistics.StartedAt >= rule.Window;
        if (waits.Count < rule.MinimumSamples || Percentile.Of(waits, 95) is not { } p95 || p95 <= rule.ThresholdMs)
            return new RuleVerdict([], canResolve);
        return new RuleVerdict(
            [AlertCandidate.For(Name, InferenceLatencyRule.Service, rule.Severity,
                $"Inference queue wait p95 {p95:0} ms over {waits.Count} generations in {rule.Window.TotalMinutes:0.#} min, above {rule.ThresholdMs:0} ms")],
            canResolve);
    }
}
