using Kiln.AppHost.Hosting.Output;
using Kiln.AppHost.Hosting.State;
using Microsoft.Extensions.Configuration;

namespace Kiln.AppHost.Hosting;

/// <summary>
/// A value services need that must not be guessable (operator token, dashboard password): taken from
/// the AppHost's configuration when set there, else generated for the run, and written under the
/// state folder so the operator can read it without it appearing in any log.
/// </summary>
public sealed class Secret(string name, string configurationKey)
{
    private string? value;

    public string Name { get; } = name;

    /// <summary>Configuration key in the services, e.g. <c>Admin:Token</c>.</summary>
    public string ConfigurationKey { get; } = configurationKey;

    /// <summary>The same key as an environment variable, e.g. <c>Admin__Token</c>.</summary>
    public string EnvironmentVariable => ConfigurationKey.Replace(":", "__", StringComparison.Ordinal);

    public string Value => value ?? throw new InvalidOperationException($"secret {Name} is known only once the application has started");

    /// <summary>Where the value was written for the operator.</summary>
    public string? FilePath { get; private set; }

    internal void Resolve(IConfiguration configuration, StateDirectory state, LauncherConsole console)
    {
        var given = configuration[ConfigurationKey];
        value = string.IsNullOrEmpty(given) ? StateDirectory.NewSecret(24) : given;
        FilePath = state.SecretPath(Name);
        StateDirectory.WriteSecret(FilePath, value);
        console.Info(string.IsNullOrEmpty(given)
            ? $"{Name}: generated for this run, read it from {FilePath} (set {EnvironmentVariable} to choose it)"
            : $"{Name}: taken from {EnvironmentVariable}");
    }

    /// <summary>Sets the value directly (tests of the environment a service gets).</summary>
    internal void Assign(string secretValue) => value = secretValue;
}
