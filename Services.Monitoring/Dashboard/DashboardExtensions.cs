using Kiln.Monitoring.Dashboard.History;
using Kiln.Monitoring.Dashboard.Live;
using Kiln.Monitoring.Dashboard.Login;

namespace Kiln.Monitoring.Dashboard;

/// <summary>The operator dashboard: login, pages, live updates, request-history search.</summary>
public static class DashboardExtensions
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IDashboardSource, DashboardSnapshotSource>();
        services.AddSingleton<MetricSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricSampler>());
        services.AddHttpClient<ApiHistoryClient>(http => http.BaseAddress = new Uri("http://" + ApiHistoryClient.Name));

        services.AddDashboardLogin();
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Dashboard/Pages";
            pages.Conventions.AuthorizeFolder("/");
            pages.Conventions.AllowAnonymousToPage("/Login");
        });
        return builder;
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseDashboardSecurityHeaders();
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet(DashboardRoutes.Events, DashboardEvents.Stream).RequireAuthorization();
        // Lets the live script tell "session ended" (401) from "service down" before it reconnects.
        app.MapGet(DashboardRoutes.Session, () => TypedResults.NoContent()).RequireAuthorization();
        app.MapGet("/", () => TypedResults.Redirect(DashboardRoutes.Home)).ExcludeFromDescription();
        return app;
    }
}
