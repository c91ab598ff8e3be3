using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Kiln.ServiceDefaults.Admin;

/// <summary>Lets a request through only with <c>Authorization: Bearer &lt;Admin:Token&gt;</c> or <c>X-Admin-Token</c>.</summary>
internal sealed class AdminTokenFilter(IOptions<AdminOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Admin-Token";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.Value.Token;
        if (string.IsNullOrEmpty(expected))
            return TypedResults.Problem("Admin:Token is not configured, so admin endpoints are closed.", statusCode: StatusCodes.Status403Forbidden);

        var presented = PresentedToken(context.HttpContext.Request);
        if (presented is null || !FixedTimeEquals(presented, expected))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem("A valid admin token is required.", statusCode: StatusCodes.Status401Unauthorized);
        }
        return await next(context);
    }

    private static string? PresentedToken(HttpRequest request)
    {
        string? auth = request.Headers.Authorization;
        if (auth is not null && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return auth[7..].Trim();
        string? header = request.Headers[HeaderName];
        return string.IsNullOrEmpty(header) ? null : header;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
