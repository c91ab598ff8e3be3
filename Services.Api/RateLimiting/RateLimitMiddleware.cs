using Kiln.Api.Errors;

namespace Kiln.Api.RateLimiting;

/// <summary>Request limits (global, per address, per endpoint, per key) on the limited paths: headers always, 429 when refused.</summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, RateLimitPolicy policy, IRateLimitStore store)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!policy.Applies(context.Request.Path))
        {
            await next(context);
            return;
        }
        var decision = await store.CheckAsync(policy.RequestRules(context), RateLimitMode.Consume, policy.Offender(context), context.RequestAborted);
        RateLimitHeaders.Write(context.Response, decision);
        if (!decision.Allowed)
        {
            await OpenAiErrorResult.WriteAsync(context, StatusCodes.Status429TooManyRequests,
                OpenAiErrors.RateLimited(RateLimitHeaders.Explain(decision), decision.RetryAfter).Error, decision.RetryAfter);
            return;
        }
        await next(context);
    }
}
