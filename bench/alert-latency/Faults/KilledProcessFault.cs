using System.Diagnostics;

namespace Kiln.Bench.AlertLatency.Faults;

/// <summary>
/// A separate process serving /health/ready (this program's <c>serve-ready</c> mode) is killed; restoring
/// starts it again on the same port.
/// </summary>
public sealed class KilledProcessFault(string target, int port) : IFault
{
    private Process? process;

    public string Name => "process-killed";

    public string Rule => "service-down";

    public bool ResolveBetweenRuns => true;

    public string AlertService(int run) => target;

    /// <summary>Starts the process and waits (bounded) until it answers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(KilledProcessFault).Assembly.Location);
        start.ArgumentList.Add("serve-ready");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        process = Process.Start(start) ?? throw new InvalidOperationException("serve-ready did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"serve-ready on port {port} did not answer within 30 s");
    }

    public async Task InjectAsync(int run, CancellationToken cancellationToken)
    {
        if (process is null) throw new InvalidOperationException("not started");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(cancellationToken);
        process.Dispose();
        process = null;
    }

    public Task RestoreAsync(CancellationToken cancellationToken) => StartAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (process is null) return;
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
