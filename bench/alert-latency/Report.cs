using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kiln.Bench.AlertLatency;

/// <summary>One measured run: seconds from the fault being in place to AlertRaised on the bus, or to a notice at a receiver.</summary>
public sealed record RunResult(string Fault, int Run, double? Seconds);

/// <summary>Median and worst per fault, written as Markdown and JSON next to the other bench results.</summary>
public static class Report
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(BenchOptions options, IReadOnlyList<RunResult> results, string stamp)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Alert latency ({stamp} UTC)")
            .AppendLine()
            .AppendLine("Seconds from an injected fault to Monitoring's AlertRaised arriving at a bus subscriber, and to the firing")
            .AppendLine("notice arriving at a local SMTP sink (email) and a local Slack webhook receiver (real PostgreSQL, RabbitMQ,")
            .AppendLine("Services.Monitoring and Services.Alerts processes on loopback).")
            .AppendLine(CultureInfo.InvariantCulture, $"Alerts: group_wait {options.GroupWait} (Alertmanager's default 30 s), group_interval {options.GroupInterval} (so each run starts a fresh group; it does not delay a first notice), the rest at defaults.")
            .AppendLine(CultureInfo.InvariantCulture, $"Monitoring: poll interval {options.Interval}, down after 3 consecutive failures, up after 2 successes,")
            .AppendLine(CultureInfo.InvariantCulture, $"rules evaluated every {options.EvaluationInterval}; error burst = {options.BurstSize} critical ErrorOccurred (rule: more than 5 a minute).")
            .AppendLine()
            .AppendLine("| fault | runs | missed | median s | worst s | best s | all s |")
            .AppendLine("|---|---|---|---|---|---|---|");
        foreach (var group in results.GroupBy(r => r.Fault))
        {
            var seconds = group.Where(r => r.Seconds is not null).Select(r => r.Seconds!.Value).Order().ToList();
            var missed = group.Count(r => r.Seconds is null);
            var runs = group.Count();
            var all = string.Join(", ", group.Select(r => r.Seconds?.ToString("0.000", CultureInfo.InvariantCulture) ?? "missed"));
            text.AppendLine(seconds.Count == 0
                ? string.Create(CultureInfo.InvariantCulture, $"| {group.Key} | {runs} | {missed} | – | – | – | {all} |")
                : string.Create(CultureInfo.InvariantCulture, $"| {group.Key} | {runs} | {missed} | {Median(seconds):0.000} | {seconds[^1]:0.000} | {seconds[0]:0.000} | {all} |"));
        }
        var markdown = text.ToString();
        File.WriteAllText(Path.Combine(options.OutputDirectory, $"alert-latency-{stamp}.md"), markdown);
        File.WriteAllText(Path.Combine(options.OutputDirectory, $"alert-latency-{stamp}.json"),
            JsonSerializer.Serialize(new { options.Interval, options.EvaluationInterval, options.GroupWait, options.GroupInterval, results }, Indented));
        return markdown;
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
