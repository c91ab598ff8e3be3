// Rate-limit checks per second through RedisRateLimiter (one EVALSHA each), several concurrent callers,
// bounded by a count and a time. `--print-script` writes the Lua source; `--print-args` the EVALSHA
// keys/args the same check sends, so redis-benchmark can run exactly the same call.
using System.Diagnostics;
using System.Globalization;
using Kiln.Api.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

var endpoint = Arg("--redis", "127.0.0.1:6380");
var callers = int.Parse(Arg("--callers", "50"), CultureInfo.InvariantCulture);
var total = int.Parse(Arg("--count", "200000"), CultureInfo.InvariantCulture);
var seconds = double.Parse(Arg("--seconds", "30"), CultureInfo.InvariantCulture);

// Limits no check reaches, so every call is an admitted request that writes its three limits (the common case).
var options = Options.Create(new RateLimitOptions { KeyPrefix = "bench:" });
RateLimitRule[] rules =
[
    new("global", "global", 1_000_000_000, TimeSpan.FromMinutes(1), 1_000_000_000, 1),
    new("ip:127.0.0.1", "ip", 1_000_000_000, TimeSpan.FromMinutes(1), 1_000_000_000, 1),
    new("key:bench:requests", "key", 1_000_000_000, TimeSpan.FromMinutes(1), 1_000_000_000, 1),
];
var offender = new OffenderPolicy("key:bench", 50, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));

if (args.Contains("--print-script"))
{
    Console.Write(GcraScript.Source);
    return 0;
}
if (args.Contains("--print-args"))
{
    // KEYS then ARGV, as RedisRateLimiter sends them; "now" is fixed here (redis-benchmark repeats one command).
    string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
    var keys = new[] { "bench:block:" + offender.Subject, "bench:refusals:" + offender.Subject }.Concat(rules.Select(r => "bench:" + r.Key));
    var argv = new[] { DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), "1", "50", "60000", "300000" }
        .Concat(rules.SelectMany(r => new[] { F(r.EmissionMs), F(r.ToleranceMs), F(r.Cost) }));
    Console.Write($"{rules.Length + 2} {string.Join(' ', keys)} {string.Join(' ', argv)}");
    return 0;
}

await using var redis = await ConnectionMultiplexer.ConnectAsync(endpoint);
var limiter = new RedisRateLimiter(redis, options, TimeProvider.System);
for (var i = 0; i < 1000; i++) await limiter.CheckAsync(rules, RateLimitMode.Consume, offender, CancellationToken.None);

var done = 0;
var denied = 0;
var deadline = TimeSpan.FromSeconds(seconds);
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
{
    while (Interlocked.Increment(ref done) <= total && clock.Elapsed < deadline)
    {
        var decision = await limiter.CheckAsync(rules, RateLimitMode.Consume, offender, CancellationToken.None);
        if (!decision.Allowed) Interlocked.Increment(ref denied);
    }
})));
clock.Stop();
var checks = Math.Min(done - callers, total);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checks={checks} seconds={clock.Elapsed.TotalSeconds:0.000} rate={checks / clock.Elapsed.TotalSeconds:0} denied={denied} callers={callers}"));
return 0;

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
