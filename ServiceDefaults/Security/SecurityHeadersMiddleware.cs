using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kiln.ServiceDefaults.Security;

/// <summary>Adds the standard hardening headers to every response.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<SecurityHeadersOptions> options, IWebHostEnvironment environment)
{
    private readonly string _hsts = $"max-age={options.Value.HstsMaxAgeSeconds}; includeSubDomains";
    private readonly bool _sendHsts = !environment.IsDevelopment() && options.Value.HstsMaxAgeSeconds > 0;

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["X-Permitted-Cross-Domain-Policies"] = "none";
        // A feature that serves pages (the dashboard) may set its own policy before the response starts.
        context.Response.OnStarting(() =>
        {
            if (!context.Response.Headers.ContainsKey("Content-Security-Policy"))
                context.Response.Headers.ContentSecurityPolicy = options.Value.ContentSecurityPolicy;
            return Task.CompletedTask;
        });
        if (_sendHsts) headers.StrictTransportSecurity = _hsts;
        return next(context);
    }
}
