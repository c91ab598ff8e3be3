using System.ComponentModel.DataAnnotations;

namespace Kiln.AppHost.Hosting;

/// <summary>How the AppHost runs: where state lives, which ports, how long to wait. Bound from section "Kiln".</summary>
public sealed class KilnAppOptions : IValidatableObject
{
    public const string SectionName = "Kiln";

    /// <summary>Data of the servers and the run's secrets; default: .kiln/ in the repository root.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>ASPNETCORE_ENVIRONMENT of the services.</summary>
    [Required]
    public string Environment { get; set; } = "Development";

    /// <summary>Take any free port for every resource instead of the defaults (tests, parallel runs).</summary>
    public bool FreePorts { get; set; }

    /// <summary>Port per resource name, replacing its default; 0 means any free port.</summary>
    public Dictionary<string, int> Ports { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a resource may take to accept work before it counts as failed (servers) or unready (services).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a process may take to exit after its stop signal before it is killed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First delay before restarting a crashed service; it doubles with every crash.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the restart delay.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Build configuration whose output the services run from; default: the AppHost's own.</summary>
    public string? BuildConfiguration { get; set; }

    /// <summary>Folder holding Kiln.slnx; default: found by walking up from the AppHost's folder.</summary>
    public string? RepositoryRoot { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, port) in Ports)
        {
            if (port is < 0 or > 65535)
                yield return new ValidationResult($"Kiln:Ports:{name} must be between 0 and 65535 (0 = any free port)", [nameof(Ports)]);
        }
        if (MaxRestartDelay < RestartDelay)
            yield return new ValidationResult("Kiln:MaxRestartDelay must not be shorter than Kiln:RestartDelay", [nameof(MaxRestartDelay)]);
    }

    /// <summary>Throws with every problem in one message.</summary>
    internal void EnsureValid()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
            throw new ResourceStartException("invalid AppHost configuration: " + string.Join("; ", results.Select(r => r.ErrorMessage)));
    }
}
