using Kiln.Monitoring.Dashboard.History;
using Kiln.Monitoring.Dashboard.Live;
using Kiln.Monitoring.Dashboard.Login;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Kiln.Monitoring.Dashboard;

/// <summary>The operator dashboard: login, pages, live updates, request-history search.</summary>
public static class DashboardExtensions
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DashboardPassword>();
        services.AddSingleton<DashboardCookieEvents>();
        services.AddSingleton<InMemoryTicketStore>();
        services.AddSingleton<IDashboardSource, DashboardSnapshotSource>();
        services.AddSingleton<MetricSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricSampler>());
        services.AddHttpClient<ApiHistoryClient>(http => http.BaseAddress = new Uri("http://" + ApiHistoryClient.Name));

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<InMemoryTicketStore, IOptions<DashboardOptions>>((cookie, store, options) =>
            {
                cookie.Cookie.Name = "kiln-dashboard";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.Path = DashboardRoutes.Home;
                cookie.ExpireTimeSpan = options.Value.DashboardSessionLifetime;
                cookie.SlidingExpiration = false;
                cookie.LoginPath = DashboardRoutes.Login;
                cookie.LogoutPath = DashboardRoutes.Logout;
                cookie.AccessDeniedPath = DashboardRoutes.Login;
                cookie.SessionStore = store;
                cookie.EventsType = typeof(DashboardCookieEvents);
            });
        services.AddAuthorization();
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Dashboard/Pages";
            pages.Conventions.AuthorizeFolder("/");
            pages.Conventions.AllowAnonymousToPage("/Login");
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "kiln-dashboard-antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<DashboardOptions>>((limiter, options) =>
            LoginRateLimit.Configure(limiter, options.Value.DashboardLoginAttemptsPerMinute));
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
