using System.Diagnostics;
using Kiln.Bench.Api;

// Added latency of the Api: N sequential max_tokens=1 chat requests through the Api over HTTP, against the same
// GenerateText sent straight over MassTransit to inference, and the engine called in-process. Loopback only,
// bounded in count (--requests) and time (--max-seconds); writes a markdown report to bench/results/.
var options = BenchOptions.Parse(args);
await using var system = new BenchSystem();
Console.WriteLine("Starting Redis, PostgreSQL, RabbitMQ, inference and the Api ...");
await system.StartAsync(options.ModelPath);
var paths = await BenchPaths.CreateAsync(system);

var clock = Stopwatch.StartNew();
foreach (var path in paths.All)
    for (var i = 0; i < options.Warmup; i++) await path.Run();

const int Rounds = 5;
var perRound = Math.Max(1, options.Requests / Rounds);
var results = paths.All.ToDictionary(p => p.Name, p => new Latencies(p.Name));
for (var round = 0; round < Rounds && clock.Elapsed < options.MaxTime; round++)
{
    // Alternate the order each round, so drift on a shared machine does not favour one path.
    var order = round % 2 == 0 ? paths.All : paths.All.Reverse().ToArray();
    foreach (var path in order)
    {
        for (var i = 0; i < perRound && clock.Elapsed < options.MaxTime; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await path.Run();
            results[path.Name].Add(Stopwatch.GetElapsedTime(started));
        }
    }
    Console.WriteLine($"round {round + 1}/{Rounds} done at {clock.Elapsed.TotalSeconds:0.0} s");
}

var report = Report.Markdown(results.Values.ToList(), system.ModelPath, options, clock.Elapsed);
Directory.CreateDirectory(options.OutFolder);
var file = Path.Combine(options.OutFolder, $"{DateTime.UtcNow:yyyy-MM-dd}-api-latency.md");
await File.WriteAllTextAsync(file, report);
Console.WriteLine(report);
Console.WriteLine($"Written to {file}");
