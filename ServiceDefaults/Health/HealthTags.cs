namespace Kiln.ServiceDefaults.Health;

/// <summary>Tags that decide which endpoint runs a health check.</summary>
public static class HealthTags
{
    /// <summary>Checked by /health: the process itself, no dependency calls.</summary>
    public const string Live = "live";

    /// <summary>Checked by /health/ready: the dependencies the service needs to do its work.</summary>
    public const string Ready = "ready";
}
