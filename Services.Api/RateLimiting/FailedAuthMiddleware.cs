using Kiln.Api.Errors;

namespace Kiln.Api.RateLimiting;

/// <summary>Counts 401s per client address and answers 429, before authentication is even tried, once there were too many.</summary>
internal sealed class FailedAuthMiddleware(RequestDelegate next, RateLimitPolicy policy, IRateLimitStore store)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!policy.Applies(context.Request.Path))
        {
            await next(context);
            return;
        }
        var rule = policy.FailedAuthRule(context);
        var decision = await store.CheckAsync([rule], RateLimitMode.Peek, null, context.RequestAborted);
        if (!decision.Allowed)
        {
            await OpenAiErrorResult.WriteAsync(context, StatusCodes.Status429TooManyRequests,
                OpenAiErrors.RateLimited($"Too many failed authentications: {rule.Description}. Retry after {Math.Max(1, Math.Ceiling(decision.RetryAfter.TotalSeconds)):0} s.",
                    decision.RetryAfter, "too_many_failed_authentications").Error, decision.RetryAfter);
            return;
        }
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
            await store.CheckAsync([rule], RateLimitMode.Force, null, CancellationToken.None);
    }
}
