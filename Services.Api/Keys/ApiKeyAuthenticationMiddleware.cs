using System.Data.Common;
using Kiln.Api.Data;
using Kiln.Api.Errors;
using Kiln.ServiceDefaults.Data;

namespace Kiln.Api.Keys;

/// <summary>
/// Requires <c>Authorization: Bearer kiln_&lt;id&gt;_&lt;secret&gt;</c> on /v1: sets the <see cref="ApiCaller"/>, or
/// answers 401 (missing, malformed, unknown, wrong secret) or 403 (revoked). Failures are logged with the client
/// IP and the key id when there is one, never the key.
/// </summary>
public sealed class ApiKeyAuthenticationMiddleware(
    RequestDelegate next, ApiKeyAuthenticator keys, DatabaseState<ApiDbContext> database, ILogger<ApiKeyAuthenticationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1"))
        {
            await next(context);
            return;
        }

        var presented = BearerToken(context.Request);
        // Only a well-formed key needs the database; a missing or malformed one is refused without it.
        if (!database.IsMigrated && ApiKeyFormat.TryParse(presented, out _, out _))
        {
            await OpenAiErrors.Unavailable($"API keys cannot be checked yet: {database.Problem}", TimeSpan.FromSeconds(2)).ExecuteAsync(context);
            return;
        }

        (ApiCaller? Caller, KeyRefusal Refusal, string? KeyId) result;
        try
        {
            result = await keys.AuthenticateAsync(presented, context.RequestAborted);
        }
        catch (DbException e)
        {
            logger.LogWarning("API keys could not be checked, the database is unavailable: {Reason}", e.Message);
            await OpenAiErrors.Unavailable("API keys cannot be checked right now; try again shortly.", TimeSpan.FromSeconds(5)).ExecuteAsync(context);
            return;
        }

        if (result.Caller is { } caller)
        {
            context.SetApiCaller(caller);
            await next(context);
            return;
        }

        logger.LogWarning("API key authentication failed ({Refusal}) for key {KeyId} from {ClientIp}",
            result.Refusal, result.KeyId ?? "-", context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        context.Response.Headers.WWWAuthenticate = "Bearer";
        var error = result.Refusal switch
        {
            KeyRefusal.Missing => OpenAiErrors.Unauthorized(
                "You didn't provide an API key. Send it as 'Authorization: Bearer kiln_<id>_<secret>'.", "missing_api_key"),
            KeyRefusal.Revoked => OpenAiErrors.Forbidden("This API key has been revoked.", code: "api_key_revoked"),
            _ => OpenAiErrors.Unauthorized("Incorrect API key provided."),
        };
        await error.ExecuteAsync(context);
    }

    private static string? BearerToken(HttpRequest request)
    {
        string? auth = request.Headers.Authorization;
        if (auth is null || !auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var token = auth[7..].Trim();
        return token.Length == 0 ? null : token;
    }
}
