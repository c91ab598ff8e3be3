using System.Reflection;
using System.Text.Json.Serialization;

namespace Kiln.Api.About;

/// <summary>GET /api: what this service is, its version, and what it can do.</summary>
public static class AboutApi
{
    private static readonly string Version =
        typeof(AboutApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    private static readonly ServiceInfo Info = new("Kiln API", Version,
        ["chat.completions", "chat.completions.stream", "completions", "completions.stream", "models", "api_keys", "rate_limits", "request_history"]);

    public static RouteHandlerBuilder MapAboutApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api", () => TypedResults.Ok(Info)).WithTags("About");
}

public sealed record ServiceInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("capabilities")] IReadOnlyList<string> Capabilities);
