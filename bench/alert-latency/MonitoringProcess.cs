using System.Diagnostics;

namespace Kiln.Bench.AlertLatency;

/// <summary>Services.Monitoring as a real child process (its built dll), given only Aspire-contract configuration.</summary>
public sealed class MonitoringProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private MonitoringProcess(Process process, StreamWriter log, Uri address)
    {
        this.process = process;
        this.log = log;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<MonitoringProcess> StartAsync(string dll, int port, IReadOnlyDictionary<string, string> environment, string logPath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["OTEL_SERVICE_NAME"] = "monitoring";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Services.Monitoring did not start");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var monitoring = new MonitoringProcess(process, log, new Uri($"http://127.0.0.1:{port}"));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"Services.Monitoring exited with {process.ExitCode}; see {logPath}");
            try
            {
                using var response = await http.GetAsync(new Uri(monitoring.Address, "/health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode) return monitoring;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(100, cancellationToken);
        }
        await monitoring.DisposeAsync();
        throw new TimeoutException($"Services.Monitoring was not ready within 60 s; see {logPath}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        lock (log) log.Dispose();
    }
}
