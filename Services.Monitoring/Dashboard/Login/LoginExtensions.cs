using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Kiln.Monitoring.Dashboard.Login;

/// <summary>Password, cookie sessions kept on the server, antiforgery and the login rate limit.</summary>
internal static class LoginExtensions
{
    public static IServiceCollection AddDashboardLogin(this IServiceCollection services)
    {
        services.AddSingleton<DashboardPassword>();
        services.AddSingleton<DashboardCookieEvents>();
        services.AddSingleton<InMemoryTicketStore>();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<InMemoryTicketStore, IOptions<DashboardOptions>, TimeProvider>((cookie, store, options, time) =>
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
                cookie.TimeProvider = time;
                cookie.EventsType = typeof(DashboardCookieEvents);
            });
        services.AddAuthorization();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "kiln-dashboard-antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<DashboardOptions>>((limiter, options) =>
            LoginRateLimit.Configure(limiter, options.Value.DashboardLoginAttemptsPerMinute));
        return services;
    }
}
