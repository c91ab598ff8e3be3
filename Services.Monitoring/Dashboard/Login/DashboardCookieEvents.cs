using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Kiln.Monitoring.Dashboard.Login;

/// <summary>Ends sessions opened under another password, and answers 401 instead of a redirect where a script asks.</summary>
internal sealed class DashboardCookieEvents(DashboardPassword password) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var generation = context.Principal?.FindFirst(DashboardClaims.PasswordGeneration)?.Value;
        if (generation is null || generation != password.Generation)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (context.Request.Path.StartsWithSegments(DashboardRoutes.Events) || context.Request.Path.StartsWithSegments(DashboardRoutes.Session))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }
        return base.RedirectToLogin(context);
    }
}
