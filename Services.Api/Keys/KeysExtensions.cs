namespace Kiln.Api.Keys;

/// <summary>API keys: the store, the cached authenticator, the /v1 middleware.</summary>
public static class KeysExtensions
{
    public static WebApplicationBuilder AddApiKeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeysOptions>().BindConfiguration(KeysOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<ApiKeyStore>();
        builder.Services.AddSingleton<ApiKeyAuthenticator>();
        return builder;
    }

    public static IApplicationBuilder UseApiKeyAuthentication(this IApplicationBuilder app) =>
        app.UseMiddleware<ApiKeyAuthenticationMiddleware>();
}
