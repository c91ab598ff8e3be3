using System.Security.Claims;
using Kiln.Monitoring.Dashboard.Login;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kiln.Monitoring.Dashboard.Pages;

public sealed class LoginModel(DashboardPassword password, ILogger<LoginModel> logger) : PageModel
{
    public bool PasswordConfigured => password.IsConfigured;

    public bool Refused { get; private set; }

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "password")] string? candidate)
    {
        if (!password.IsConfigured) return Page();
        if (!password.Verify(candidate))
        {
            logger.LogWarning("Dashboard login refused for {ClientIp}: wrong password", LoginRateLimit.ClientIp(HttpContext));
            Refused = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, DashboardClaims.OperatorName), new Claim(DashboardClaims.PasswordGeneration, password.Generation!)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = false });
        logger.LogInformation("Dashboard login from {ClientIp}", LoginRateLimit.ClientIp(HttpContext));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl!.StartsWith(DashboardRoutes.Home, StringComparison.Ordinal) ? ReturnUrl : DashboardRoutes.Home);
    }
}
