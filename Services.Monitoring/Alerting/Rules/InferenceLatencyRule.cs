using Kiln.Monitoring.InferenceStats;
using Kiln.Monitoring.Statistics;
using Microsoft.Extensions.Options;

namespace Kiln.Monitoring.Alerting.Rules;

/// <summary>p95 of the engine's time per generation (prompt evaluation + generation) above the threshold.</summary>
public sealed class InferenceLatencyRule(InferenceStatistics statistics, IOptions<RuleOptions> options) : IAlertRule
{
    public const string Service = "inference";

    public string Name => "inference-latency";

    public RuleVerdict Evaluate(DateTimeOffset now)
    {
        var rule = options.Value.InferenceLatency;
        if (!rule.Enabled) return RuleVerdict.Quiet;
        var latencies = statistics.Completed(rule.Window).Select(InferenceStatistics.LatencyMs).ToList();
        var canResolve = now - statistics.StartedAt >= rule.Window;
        if (latencies.Count < rule.MinimumSamples || Percentile.Of(latencies, 95) is not { } p95 || p95 <= rule.ThresholdMs)
            return new RuleVerdict([], canResolve);
        return new RuleVerdict(
            [AlertCandidate.For(Name, Service, rule.Severity,
                $"Inference p95 latency {p95:0} ms over {latencies.Count} generations in {rule.Window.TotalMinutes:0.#} min, above {rule.ThresholdMs:0} ms")],
            canResolve);
    }
}
