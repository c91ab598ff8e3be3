namespace Kiln.Bench.Api;

/// <summary>Command line: --requests N (per path), --warmup N, --max-seconds S, --model path, --out folder.</summary>
internal sealed record BenchOptions(int Requests, int Warmup, TimeSpan MaxTime, string? ModelPath, string OutFolder)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        return new BenchOptions(
            Math.Clamp(int.Parse(Value("--requests") ?? "300"), 10, 100_000),
            Math.Clamp(int.Parse(Value("--warmup") ?? "30"), 0, 10_000),
            TimeSpan.FromSeconds(Math.Clamp(int.Parse(Value("--max-seconds") ?? "240"), 10, 3_600)),
            Value("--model"),
            Value("--out") ?? Path.Combine("bench", "results"));
    }
}
