namespace Kiln.Monitoring.Dashboard;

/// <summary>
/// The dashboard serves pages, so it needs a policy that allows its own scripts, styles and live updates.
/// Everything comes from this service: no inline script, no CDN.
/// </summary>
internal static class DashboardSecurityHeaders
{
    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IApplicationBuilder UseDashboardSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (IsDashboard(context.Request.Path)) context.Response.Headers.ContentSecurityPolicy = Policy;
        return next(context);
    });

    private static bool IsDashboard(PathString path) =>
        path.StartsWithSegments(DashboardRoutes.Home) || path.StartsWithSegments("/js") || path.StartsWithSegments("/css") || path.StartsWithSegments("/lib");
}
