using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Kiln.Bench.AlertLatency;
using Kiln.Bench.AlertLatency.Faults;
using Kiln.Testing;
using Kiln.Testing.Receivers;
using Kiln.Testing.Servers;

// Child mode: the process that the process-killed fault kills.
if (args is ["serve-ready", var portText])
{
    await using var server = await ReadyEndpointServer.StartAsync(int.Parse(portText, CultureInfo.InvariantCulture), CancellationToken.None);
    await Task.Delay(Timeout.Infinite);
    return 0;
}

var options = BenchOptions.Parse(args);
using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeLimitSeconds));
var ct = limit.Token;
// Ctrl-C or SIGTERM ends the run the same way as the time limit: servers stopped, partial report written.
using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; limit.Cancel(); });
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; limit.Cancel(); });
Directory.CreateDirectory(options.OutputDirectory);
var stamp = DateTime.UtcNow.ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture);
var adminToken = Convert.ToHexString(Guid.NewGuid().ToByteArray());

Console.WriteLine("Starting PostgreSQL and RabbitMQ ...");
var postgres = new PostgresServerFixture();
var rabbitmq = new RabbitMqServerFixture();
await Task.WhenAll(postgres.InitializeAsync(), rabbitmq.InitializeAsync());
var results = new List<RunResult>();
try
{
    await using var watcher = await AlertWatcher.StartAsync(rabbitmq.ConnectionString, ct);
    var flippablePort = FreePort.Next();
    var killablePort = FreePort.Next();
    await using var flippable = new FailingReadyEndpointFault("bench-flippable", await ReadyEndpointServer.StartAsync(flippablePort, ct));
    await using var killable = new KilledProcessFault("bench-killable", killablePort);
    await killable.StartAsync(ct);
    await using var burst = new ErrorBurstFault(watcher.Bus, options.BurstSize);

    var monitoringPort = FreePort.Next();
    Console.WriteLine($"Starting Services.Monitoring on {monitoringPort} (interval {options.Interval}, evaluation every {options.EvaluationInterval}) ...");
    await using var monitoring = await ServiceProcess.StartAsync("monitoring", options.MonitoringDll, monitoringPort, new Dictionary<string, string>
    {
        ["ConnectionStrings__postgres"] = postgres.ConnectionString,
        ["ConnectionStrings__rabbitmq"] = rabbitmq.ConnectionString,
        ["Admin__Token"] = adminToken,
        ["services__monitoring__http__0"] = $"http://127.0.0.1:{monitoringPort}",
        ["services__bench-flippable__http__0"] = $"http://127.0.0.1:{flippablePort}",
        ["services__bench-killable__http__0"] = $"http://127.0.0.1:{killablePort}",
        ["Monitoring__Interval"] = options.Interval.ToString("c", CultureInfo.InvariantCulture),
        ["Monitoring__Rules__EvaluationInterval"] = options.EvaluationInterval.ToString("c", CultureInfo.InvariantCulture),
    }, Path.Combine(options.OutputDirectory, $"alert-latency-{stamp}-monitoring.log"), ct);

    await using var smtp = SmtpSink.Start();
    await using var slack = await SlackWebhookReceiver.StartAsync();
    var notices = new NoticeWatcher(smtp, slack);
    var alertsPort = FreePort.Next();
    Console.WriteLine($"Starting Services.Alerts on {alertsPort} (group_wait {options.GroupWait}, group_interval {options.GroupInterval}) with a local SMTP sink and Slack receiver ...");
    await using var alerts = await ServiceProcess.StartAsync("alerts", options.AlertsDll, alertsPort, new Dictionary<string, string>
    {
        ["ConnectionStrings__postgres"] = postgres.ConnectionString,
        ["ConnectionStrings__rabbitmq"] = rabbitmq.ConnectionString,
        ["Admin__Token"] = adminToken,
        ["Alerts__Slack__WebhookUrl"] = slack.WebhookUrl.ToString(),
        ["Alerts__Email__SmtpHost"] = SmtpSink.Host,
        ["Alerts__Email__SmtpPort"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Alerts__Email__From"] = "kiln-bench@localhost",
        ["Alerts__Email__To"] = "oncall@localhost",
        ["Alerts__Route__GroupWait"] = options.GroupWait.ToString("c", CultureInfo.InvariantCulture),
        ["Alerts__Route__GroupInterval"] = options.GroupInterval.ToString("c", CultureInfo.InvariantCulture),
    }, Path.Combine(options.OutputDirectory, $"alert-latency-{stamp}-alerts.log"), ct);

    using var admin = new HttpClient { BaseAddress = monitoring.Address, Timeout = TimeSpan.FromSeconds(10) };
    admin.DefaultRequestHeaders.Add("X-Admin-Token", adminToken);
    // Both health targets must be known up before the first fault, or the first run measures start-up.
    await WaitForTargetsUpAsync(admin, ["bench-flippable", "bench-killable"], TimeSpan.FromSeconds(60) + 3 * options.Interval, ct);

    IFault[] faults = [burst, flippable, killable];
    foreach (var fault in faults.Where(f => options.Faults.Contains(f.Name)))
    {
        // A health fault needs FailuresBeforeDown polls plus an evaluation; allow generously more.
        var timeout = TimeSpan.FromSeconds(30) + 4 * options.Interval + 2 * options.EvaluationInterval;
        // Faults strike at a random phase of Monitoring's poll and evaluation timers, not just after a tick.
        var phase = fault.ResolveBetweenRuns ? options.Interval : options.EvaluationInterval;
        for (var run = 1; run <= options.Runs && !ct.IsCancellationRequested; run++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * phase.TotalMilliseconds), ct);
            var mark = notices.Mark();
            await fault.InjectAsync(run, ct);
            var injected = Stopwatch.GetTimestamp();
            // Watched from the start, so a notice that lands while AlertRaised is awaited keeps its own time.
            var noticeTimeout = timeout + options.GroupWait + TimeSpan.FromSeconds(10);
            var email = notices.WaitForEmailAsync(fault.AlertService(run), mark.Emails, noticeTimeout, ct);
            var slackMessage = notices.WaitForSlackAsync(fault.AlertService(run), mark.SlackCalls, noticeTimeout, ct);
            string? fingerprint = null;
            try
            {
                var (at, alert) = await watcher.WaitForRaisedAsync(fault.Rule, fault.AlertService(run), injected, timeout, ct);
                var seconds = (at - injected) / (double)Stopwatch.Frequency;
                results.Add(new RunResult($"{fault.Name} → AlertRaised", run, seconds));
                fingerprint = alert.Fingerprint;
                Console.WriteLine($"{fault.Name} run {run}: AlertRaised after {seconds:0.000} s");
            }
            catch (TimeoutException)
            {
                results.Add(new RunResult($"{fault.Name} → AlertRaised", run, null));
                Console.WriteLine($"{fault.Name} run {run}: no AlertRaised within {timeout.TotalSeconds:0} s");
            }

            results.Add(await ArrivalAsync($"{fault.Name} → email", run, email, injected));
            results.Add(await ArrivalAsync($"{fault.Name} → Slack", run, slackMessage, injected));
            Console.WriteLine($"{fault.Name} run {run}: email after {results[^2].Seconds?.ToString("0.000", CultureInfo.InvariantCulture) ?? "missed"} s, Slack after {results[^1].Seconds?.ToString("0.000", CultureInfo.InvariantCulture) ?? "missed"} s");

            var restored = Stopwatch.GetTimestamp();
            await fault.RestoreAsync(ct);
            if (fault.ResolveBetweenRuns && fingerprint is not null)
                await watcher.WaitForResolvedAsync(fingerprint, restored, timeout, ct);
        }
    }
}
catch (OperationCanceledException) when (limit.IsCancellationRequested)
{
    Console.WriteLine($"Time limit of {options.TimeLimitSeconds} s reached; reporting the runs finished so far.");
}
finally
{
    await Task.WhenAll(postgres.DisposeAsync(), rabbitmq.DisposeAsync());
}

var report = Report.Write(options, results, stamp);
Console.WriteLine(report);
return results.Count > 0 && results.All(r => r.Seconds is not null) ? 0 : 1;

static async Task<RunResult> ArrivalAsync(string what, int run, Task<long> arrival, long injected)
{
    try
    {
        return new RunResult(what, run, (await arrival - injected) / (double)Stopwatch.Frequency);
    }
    catch (TimeoutException)
    {
        return new RunResult(what, run, null);
    }
}

static async Task WaitForTargetsUpAsync(HttpClient admin, string[] names, TimeSpan timeout, CancellationToken ct)
{
    var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    while (Stopwatch.GetTimestamp() < deadline)
    {
        using var json = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/admin/health", UriKind.Relative), ct));
        var up = json.RootElement.GetProperty("targets").EnumerateArray()
            .Count(t => names.Contains(t.GetProperty("name").GetString()) && t.GetProperty("lastCheckSucceeded").GetBoolean() && t.GetProperty("status").GetString() == "Up");
        if (up == names.Length) return;
        await Task.Delay(200, ct);
    }
    throw new TimeoutException("the bench's targets were not seen up by Monitoring in time");
}
