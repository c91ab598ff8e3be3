using System.Text;

namespace Kiln.AppHost.Hosting.Processes;

/// <summary>Runs a short command to completion and keeps its output (initdb, rabbitmqctl, chown).</summary>
internal static class OneShot
{
    public static async Task<OneShotResult> RunAsync(ProcessSpec spec, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        var child = ChildProcess.Start(spec, line => { lock (output) output.AppendLine(line); });
        try
        {
            var exitCode = await child.Exited.WaitAsync(timeout, cancellationToken);
            return new OneShotResult(spec.FileName, exitCode, Collected());
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            await child.KillAsync();
            if (e is OperationCanceledException)
                throw;
            return new OneShotResult(spec.FileName, ExitCode: null, Collected());
        }

        string Collected()
        {
            lock (output) return output.ToString().TrimEnd();
        }
    }
}

/// <summary>Outcome of a <see cref="OneShot"/> command; a null exit code means it timed out.</summary>
internal sealed record OneShotResult(string Program, int? ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public void ThrowIfFailed(string what)
    {
        if (!Succeeded)
            throw new ResourceStartException($"{what} failed ({Describe()}): {Output}");
    }

    public string Describe() => ExitCode is { } code ? $"exit code {code}" : "timed out";
}
