namespace Kiln.Api.Keys;

/// <summary>
/// The authenticated caller of a public endpoint: the API key's id (never its secret), its own limits
/// (null: the configured defaults), and the models it may use (null or empty: all served models).
/// </summary>
public sealed record ApiCaller(
    string KeyId,
    string Name,
    IReadOnlySet<string>? AllowedModels,
    int? RequestsPerMinute,
    int? TokensPerMinute)
{
    public bool MayUse(string model) => AllowedModels is not { Count: > 0 } || AllowedModels.Contains(model);
}

/// <summary>Access to the request's <see cref="ApiCaller"/>, set by the key authentication middleware.</summary>
public static class ApiCallerExtensions
{
    public static ApiCaller? GetApiCaller(this HttpContext context) => context.Features.Get<ApiCaller>();

    public static void SetApiCaller(this HttpContext context, ApiCaller caller) => context.Features.Set(caller);
}
