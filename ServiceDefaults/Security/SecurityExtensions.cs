using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kiln.ServiceDefaults.Security;

internal static class SecurityExtensions
{
    /// <summary>Security headers and environment-aware CORS: any origin in Development, configured origins elsewhere.</summary>
    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityHeadersOptions>()
            .BindConfiguration(SecurityHeadersOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var origins = builder.Configuration.GetSection($"{SecurityHeadersOptions.Section}:{nameof(SecurityHeadersOptions.CorsAllowedOrigins)}").Get<string[]>() ?? [];
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (origins.Length > 0) policy.WithOrigins(origins);
            else if (development) policy.AllowAnyOrigin();
            else return;
            policy.AllowAnyHeader().AllowAnyMethod().WithExposedHeaders(
                "X-Request-ID", "Retry-After", "X-RateLimit-Limit-Requests", "X-RateLimit-Remaining-Requests", "X-RateLimit-Reset-Requests");
        }));
        return builder;
    }
}
