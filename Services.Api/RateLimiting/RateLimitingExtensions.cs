namespace Kiln.Api.RateLimiting;

public static class RateLimitingExtensions
{
    /// <summary>Limits from the "RateLimiting" section, kept in Redis (in memory while Redis is down).</summary>
    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RateLimitPolicy>();
        builder.Services.AddSingleton<RedisRateLimiter>();
        builder.Services.AddSingleton<InMemoryRateLimiter>();
        builder.Services.AddSingleton<FallbackRateLimiter>();
        builder.Services.AddSingleton<IRateLimitStore>(s => s.GetRequiredService<FallbackRateLimiter>());
        builder.Services.AddSingleton<ITokenLimiter, TokenLimiter>();
        return builder;
    }

    /// <summary>Per-address failed-authentication limit; goes before the API key authentication.</summary>
    public static IApplicationBuilder UseFailedAuthLimits(this IApplicationBuilder app) => app.UseMiddleware<FailedAuthMiddleware>();

    /// <summary>Request limits and X-RateLimit-* headers; goes after the API key authentication.</summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app) => app.UseMiddleware<RateLimitMiddleware>();
}
