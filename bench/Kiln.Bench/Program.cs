using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kiln.Contracts;
using Kiln.Inference.Generation;
using Kiln.Inference.Llama;
using Kiln.TestModels;

namespace Kiln.Bench;

/// <summary>
/// Throughput harness for Kiln's engine, shaped like llama.cpp's llama-bench (pp / tg) and llama-server -np N:
///   Kiln.Bench generate --shape realistic --type f16 --out model.gguf
///   Kiln.Bench run --model model.gguf --threads 2 [--prompt-tokens 512] [--gen-tokens 128] [--streams 1,2,4,8]
///                  [--reps 3] [--warmup 1] [--time-limit-s 600] [--json out.json] [--native-root DIR]
/// Every measurement is a warmup then a fixed number of timed repetitions; the median is reported.
/// </summary>
internal static class Program
{
    private const string GenerationPrompt = "Once upon a time";

    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.Error.WriteLine("usage: Kiln.Bench generate --shape realistic|tiny --type f16|q8_0|f32 --out FILE [--seed N]");
            Console.Error.WriteLine("       Kiln.Bench run --model FILE [--threads 2] [--prompt-tokens 512] [--gen-tokens 128] [--streams 1,2,4,8] [--reps 3] [--warmup 1] [--time-limit-s 600] [--json FILE] [--native-root DIR]");
            return 2;
        }
        var options = Parse(args[1..]);
        return args[0] switch
        {
            "generate" => Generate(options),
            "run" => await RunAsync(options),
            _ => throw new ArgumentException($"unknown command {args[0]}"),
        };
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"expected --option, got {args[i]}");
            options[args[i][2..]] = args[i + 1];
        }
        return options;
    }

    private static string Get(Dictionary<string, string> o, string key, string fallback) => o.TryGetValue(key, out var v) ? v : fallback;
    private static int GetInt(Dictionary<string, string> o, string key, int fallback) => o.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>Writes a generated llama-shaped model (idempotent: an existing file is kept).</summary>
    private static int Generate(Dictionary<string, string> o)
    {
        var output = o["out"];
        if (File.Exists(output) && new FileInfo(output).Length > 0)
        {
            Console.WriteLine(output);
            return 0;
        }
        var shape = Get(o, "shape", "realistic") switch
        {
            "realistic" => TestModelShape.Realistic,
            "tiny" => TestModelShape.Tiny,
            var other => throw new ArgumentException($"unknown shape {other}"),
        };
        var type = Get(o, "type", "f16").ToUpperInvariant() switch
        {
            "F16" => TensorType.F16,
            "Q8_0" => TensorType.Q8_0,
            "F32" => TensorType.F32,
            var other => throw new ArgumentException($"unknown type {other}"),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        var temporary = output + ".tmp";
        var clock = Stopwatch.StartNew();
        TestModel.Write(temporary, shape, type, seed: GetInt(o, "seed", 1), name: $"kiln-bench-{Get(o, "shape", "realistic")}-{type}");
        File.Move(temporary, output, overwrite: true);
        Console.Error.WriteLine($"wrote {output} ({new FileInfo(output).Length / 1e6:F0} MB) in {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine(output);
        return 0;
    }

    private static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var model = o["model"];
        var threads = GetInt(o, "threads", 2);
        var promptTokens = GetInt(o, "prompt-tokens", 512);
        var genTokens = GetInt(o, "gen-tokens", 128);
        var reps = GetInt(o, "reps", 3);
        var warmup = GetInt(o, "warmup", 1);
        var streams = Get(o, "streams", "1,2,4,8").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var deadline = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(GetInt(o, "time-limit-s", 600));
        var flash = Enum.Parse<LlamaFlashAttentionType>(Get(o, "flash", "Auto"), ignoreCase: true);
        // Per-slot context: room for the prompt test and the generation test, as llama-server's -c N*ctx gives each slot.
        var contextPerSlot = GetInt(o, "ctx", 1024);

        InferenceOptions Options(int slots) => new()
        {
            ModelPath = model,
            Slots = slots,
            QueueCapacity = 16,
            ContextSize = contextPerSlot,
            BatchSize = Math.Max(512, slots),
            Threads = threads,
            Backend = BackendPreference.Cpu,
            FlashAttention = flash,
            DefaultMaxTokens = genTokens,
            // Optional: a folder with cpu/ holding other llama.cpp libraries (e.g. the reference build), to separate
            // managed overhead from build differences.
            NativeLibraryPath = o.TryGetValue("native-root", out var root) ? root : null,
        };

        var report = new Report { Model = Path.GetFileName(model), Threads = threads, PromptTokensRequested = promptTokens, GenTokensRequested = genTokens, Reps = reps, Warmup = warmup };
        bool TimeLeft(string what)
        {
            if (deadline.Elapsed < limit) return true;
            report.Notes.Add($"time limit {limit.TotalSeconds:F0} s reached before {what}; not measured");
            return false;
        }

        // Prompt processing (pp) and single-stream generation (tg): one slot, like llama-bench.
        await using (var engine = InferenceEngine.Create(Options(1)))
        {
            report.Engine = $"{engine.Backend.Name}, {engine.Model.ParameterCount:N0} params, {engine.Model.FileType}, ctx/slot {engine.Backend.ContextPerSlot}";
            var prompt = PromptOfTokens(engine, promptTokens);
            report.PromptTokens = engine.CountTokens(prompt);
            var ppRuns = new List<double>();
            for (var i = 0; i < warmup + reps && TimeLeft("prompt reps"); i++)
            {
                var result = await Generate(engine, prompt, 1, limit);
                if (i >= warmup) ppRuns.Add(result.Usage.PromptTokens * 1000.0 / result.Timings.PromptEvalMs);
            }
            report.PromptTokensPerSecond = Summary.Of(ppRuns);

            var tgRuns = new List<double>();
            var tgWall = new List<double>();
            for (var i = 0; i < warmup + reps && TimeLeft("generation reps"); i++)
            {
                var clock = Stopwatch.StartNew();
                var result = await Generate(engine, GenerationPrompt, genTokens, limit);
                var wall = clock.Elapsed.TotalSeconds;
                if (i < warmup) continue;
                report.GenCompletionTokens = result.Usage.CompletionTokens;
                if (result.FinishReason != FinishReason.Length)
                    report.Notes.Add($"single-stream run {i - warmup} ended by {result.FinishReason} after {result.Usage.CompletionTokens} tokens (ignore_eos is on: a stop here means a bug)");
                tgRuns.Add(result.Timings.GenerationTokensPerSecond);
                tgWall.Add(result.Usage.CompletionTokens / wall);
            }
            report.GenTokensPerSecond = Summary.Of(tgRuns);
            report.GenTokensPerSecondWall = Summary.Of(tgWall);
        }

        // Aggregate generation: N concurrent requests on an engine of N slots, like llama-server -np N.
        foreach (var n in streams)
        {
            if (!TimeLeft($"{n} streams")) break;
            await using var engine = InferenceEngine.Create(Options(n));
            var runs = new List<double>();
            var tokens = 0;
            for (var i = 0; i < warmup + reps && TimeLeft($"{n}-stream reps"); i++)
            {
                var clock = Stopwatch.StartNew();
                var results = await Task.WhenAll(Enumerable.Range(0, n).Select(_ => Generate(engine, GenerationPrompt, genTokens, limit)));
                var wall = clock.Elapsed.TotalSeconds;
                if (i < warmup) continue;
                tokens = results.Sum(r => r.Usage.CompletionTokens);
                if (results.Any(r => r.FinishReason != FinishReason.Length))
                    report.Notes.Add($"{n}-stream run {i - warmup}: some streams ended by EOS ({tokens} of {n * genTokens} tokens)");
                runs.Add(tokens / wall);
            }
            report.Aggregate.Add(new AggregateResult { Streams = n, TokensPerRun = tokens, TokensPerSecond = Summary.Of(runs) });
        }

        var json = JsonSerializer.Serialize(report, JsonOptions);
        if (o.TryGetValue("json", out var path)) await File.WriteAllTextAsync(path, json);
        Console.WriteLine(json);
        return 0;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static async Task<GenerationResult> Generate(InferenceEngine engine, string prompt, int maxTokens, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        return await engine.GenerateAsync(new GenerationRequest
        {
            Prompt = prompt,
            Sampling = new SamplingParameters { MaxTokens = maxTokens, Temperature = 0 },
            IgnoreEndOfGeneration = true,
        }, timeout.Token);
    }

    /// <summary>The longest prefix (in words) of a repeated story text that tokenizes to at most <paramref name="tokens"/> tokens (BOS included).</summary>
    private static string PromptOfTokens(InferenceEngine engine, int tokens)
    {
        var words = "Once upon a time there was a little girl named Lily who loved to play in the park with her big red ball and her small brown dog"
            .Split(' ');
        var all = Enumerable.Range(0, tokens * 2).Select(i => words[i % words.Length]).ToArray();
        string Text(int count) => string.Join(' ', all, 0, count);
        int low = 1, high = all.Length;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (engine.CountTokens(Text(middle)) <= tokens) low = middle; else high = middle - 1;
        }
        var text = new StringBuilder(Text(low));
        // Top up with single characters when whole words overshoot.
        foreach (var c in "abcdefghij")
        {
            if (engine.CountTokens(text.ToString()) >= tokens) break;
            var candidate = text + " " + c;
            if (engine.CountTokens(candidate) <= tokens) text.Append(' ').Append(c);
        }
        return text.ToString();
    }
}

internal sealed class Summary
{
    public double Median { get; init; }
    public double Min { get; init; }
    public double Max { get; init; }
    public IReadOnlyList<double> Runs { get; init; } = [];

    public static Summary Of(List<double> runs)
    {
        if (runs.Count == 0) return new Summary();
        var sorted = runs.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return new Summary { Median = median, Min = sorted[0], Max = sorted[^1], Runs = runs.Select(r => Math.Round(r, 2)).ToArray() };
    }
}

internal sealed class AggregateResult
{
    public int Streams { get; init; }
    public int TokensPerRun { get; init; }
    public Summary TokensPerSecond { get; init; } = new();
}

internal sealed class Report
{
    public string Model { get; init; } = "";
    public string Engine { get; set; } = "";
    public int Threads { get; init; }
    public int Reps { get; init; }
    public int Warmup { get; init; }
    public int PromptTokensRequested { get; init; }
    public int PromptTokens { get; set; }
    public int GenTokensRequested { get; init; }
    public int GenCompletionTokens { get; set; }
    public Summary PromptTokensPerSecond { get; set; } = new();
    public Summary GenTokensPerSecond { get; set; } = new();
    public Summary GenTokensPerSecondWall { get; set; } = new();
    public List<AggregateResult> Aggregate { get; } = [];
    public List<string> Notes { get; } = [];
}
