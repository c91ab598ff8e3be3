using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kiln.Monitoring.Dashboard.Pages;

/// <summary>POST only, with the antiforgery token (Razor Pages checks it): a link elsewhere cannot log an operator out.</summary>
public sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect(DashboardRoutes.Home);

    public async Task<IActionResult> OnPostAsync()
    {
        // Removes the server-side session, so a copy of the cookie no longer works.
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect(DashboardRoutes.Login);
    }
}
