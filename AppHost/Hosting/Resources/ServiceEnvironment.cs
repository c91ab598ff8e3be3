using Microsoft.Extensions.Configuration;

namespace Kiln.AppHost.Hosting;

/// <summary>
/// The environment a service starts with: only Aspire's configuration contract (plus what the dotnet
/// host itself needs), so a service behaves the same under this launcher, a real Aspire AppHost,
/// Kubernetes or systemd.
/// </summary>
internal static class ServiceEnvironment
{
    /// <summary>Taken from the launcher's own environment so dotnet runs at all; nothing Kiln-specific.</summary>
    private static readonly string[] HostVariables = ["PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR", "DOTNET_ROOT"];

    /// <summary>Passed to every service when the AppHost's configuration has them.</summary>
    private static readonly string[] TelemetryKeys = ["OTEL_EXPORTER_OTLP_ENDPOINT", "SENTRY_DSN"];

    public static Dictionary<string, string> For(
        ServiceResource service,
        IEnumerable<ServiceResource> allServices,
        IConfiguration configuration,
        string environmentName,
        Func<string, string?> hostVariable)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in HostVariables)
        {
            if (hostVariable(name) is { Length: > 0 } value)
                environment[name] = value;
        }

        environment["ASPNETCORE_URLS"] = service.Endpoint.ToString().TrimEnd('/');
        environment["ASPNETCORE_ENVIRONMENT"] = environmentName;
        environment["OTEL_SERVICE_NAME"] = service.Name;
        environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={service.InstanceId}";
        var sectionKeys = service.ConfigurationSections.SelectMany(section => configuration.GetSection(section).AsEnumerable().Select(entry => entry.Key));
        foreach (var key in TelemetryKeys.Concat(sectionKeys))
        {
            if (configuration[key] is { Length: > 0 } value)
                environment[ToVariable(key)] = value;
        }

        foreach (var reference in service.References)
            environment[$"ConnectionStrings__{reference.Name}"] = reference.ConnectionString;
        foreach (var other in allServices)
            environment[$"services__{other.Name}__http__0"] = other.Endpoint.ToString().TrimEnd('/');
        foreach (var secret in service.Secrets)
            environment[secret.EnvironmentVariable] = secret.Value;
        return environment;
    }

    private static string ToVariable(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);
}
