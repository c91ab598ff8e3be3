using Kiln.Api.Errors;
using Kiln.Api.Keys;

namespace Kiln.Api.RateLimiting;

/// <summary>Per-key token limits: admit against the estimate, then settle the difference to the actual usage.</summary>
internal sealed class TokenLimiter(RateLimitPolicy policy, IRateLimitStore store) : ITokenLimiter
{
    public async ValueTask<IResult?> AdmitAsync(HttpContext context, int estimatedTokens, CancellationToken cancellationToken)
    {
        if (context.GetApiCaller() is not { } caller) return null;
        var charged = Math.Min(Math.Max(0, estimatedTokens), policy.TokenBurst(caller.TokensPerMinute));
        var decision = await store.CheckAsync([policy.KeyTokenRule(caller.KeyId, caller.TokensPerMinute, charged)], RateLimitMode.Consume, policy.Offender(context), cancellationToken);
        if (!decision.Allowed)
            return OpenAiErrors.RateLimited(RateLimitHeaders.Explain(decision), decision.RetryAfter, "tokens_rate_limit_exceeded");
        context.Features.Set(new TokenAdmission(charged));
        return null;
    }

    public async ValueTask SettleAsync(HttpContext context, int actualTokens, CancellationToken cancellationToken)
    {
        if (context.GetApiCaller() is not { } caller || context.Features.Get<TokenAdmission>() is not { } admission) return;
        context.Features.Set<TokenAdmission?>(null);
        var difference = actualTokens - admission.Charged;
        if (difference == 0) return;
        await store.CheckAsync([policy.KeyTokenRule(caller.KeyId, caller.TokensPerMinute, difference)], RateLimitMode.Force, null, cancellationToken);
    }

    private sealed record TokenAdmission(double Charged);
}
