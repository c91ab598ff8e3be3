using System.ComponentModel.DataAnnotations;

namespace Kiln.ServiceDefaults.Shutdown;

/// <summary>How long in-flight work may drain after a stop signal, bound from "Shutdown".</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
