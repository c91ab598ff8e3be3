namespace Kiln.Monitoring.HealthChecks;

/// <summary>The outcome of one check of one target.</summary>
public sealed record ProbeResult(bool Success, double LatencyMs, string? Error)
{
    public static ProbeResult Ok(double latencyMs) => new(true, latencyMs, null);

    public static ProbeResult Failed(double latencyMs, string error) => new(false, latencyMs, error);
}
