using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Kiln.Monitoring.Dashboard.Login;

/// <summary>Login attempts (POSTs to the login page) per client IP per minute; the rest of the service is not limited here.</summary>
internal static class LoginRateLimit
{
    public static void Configure(RateLimiterOptions limiter, int attemptsPerMinute)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsLoginAttempt(context.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientIp(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = attemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("not-a-login"));
        limiter.OnRejected = (context, ct) => Refuse(context.HttpContext, ct);
    }

    public static string ClientIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static bool IsLoginAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(DashboardRoutes.Login, StringComparison.OrdinalIgnoreCase);

    private static async ValueTask Refuse(HttpContext context, CancellationToken ct)
    {
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LoginRateLimit))
            .LogWarning("Dashboard login attempts from {ClientIp} exceed the limit; refused", ClientIp(context));
        context.Response.Headers.RetryAfter = "60";
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(TooManyAttemptsPage, ct);
    }

    private const string TooManyAttemptsPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Too many login attempts · Kiln</title>
        <link rel="stylesheet" href="/css/dashboard.css"></head>
        <body><main class="narrow"><h1>Too many login attempts</h1>
        <p>Wait a minute, then <a href="/dashboard/login">try again</a>.</p></main></body></html>
        """;
}
