using System.ComponentModel.DataAnnotations;

namespace Kiln.Monitoring.Dashboard;

/// <summary>The dashboard's settings, bound from "Monitoring" (<c>Monitoring__DashboardPassword</c> and friends).</summary>
public sealed class DashboardOptions
{
    public const string Section = "Monitoring";

    /// <summary>Read by <see cref="Login.DashboardPassword"/> straight from configuration, so no options object keeps it.</summary>
    public const string PasswordKey = Section + ":DashboardPassword";

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan DashboardSessionLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the live page gets a fresh snapshot even when nothing changed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DashboardRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 1_000)]
    public int DashboardLoginAttemptsPerMinute { get; set; } = 5;
}
