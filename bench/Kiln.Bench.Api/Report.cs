using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Kiln.Bench.Api;

/// <summary>The markdown report: percentiles per path and the Api's ratio and added latency against each.</summary>
internal static class Report
{
    public static string Markdown(IReadOnlyList<Latencies> paths, string modelPath, BenchOptions options, TimeSpan took)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"# Api added latency — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(c, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}. ");
        text.AppendLine(c, $"Model: `{Path.GetFileName(modelPath)}`; each request asks for 1 token (max_tokens 1, greedy), sequentially; {options.Warmup} warm-up requests per path; 5 rounds alternating path order; {took.TotalSeconds:0} s in all.");
        text.AppendLine("Api path: HTTP/1.1 loopback → key auth (cached) → rate limits (if merged) → validation → GenerateText over RabbitMQ → TextGenerated → JSON.");
        text.AppendLine();
        text.AppendLine("| path | n | p50 ms | p90 ms | p99 ms | mean ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var p in paths)
            text.AppendLine(c, $"| {p.Name} | {p.Count} | {p.Percentile(50):0.000} | {p.Percentile(90):0.000} | {p.Percentile(99):0.000} | {p.Mean:0.000} |");
        text.AppendLine();
        var api = paths[0];
        foreach (var other in paths.Skip(1))
            text.AppendLine(c,
                $"- api vs {other.Name}: p50 ratio {api.Percentile(50) / other.Percentile(50):0.00}× (+{api.Percentile(50) - other.Percentile(50):0.000} ms), p99 ratio {api.Percentile(99) / other.Percentile(99):0.00}× (+{api.Percentile(99) - other.Percentile(99):0.000} ms)");
        return text.ToString();
    }
}
