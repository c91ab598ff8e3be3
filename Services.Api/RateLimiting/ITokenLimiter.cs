namespace Kiln.Api.RateLimiting;

/// <summary>
/// Token limits: a request is admitted against its estimated tokens before generation and charged its
/// actual prompt + completion tokens when it finishes (the difference is credited or debited).
/// </summary>
public interface ITokenLimiter
{
    /// <summary>Null when admitted; otherwise the 429 result to return (headers included).</summary>
    ValueTask<IResult?> AdmitAsync(HttpContext context, int estimatedTokens, CancellationToken cancellationToken);

    /// <summary>Charges the actual usage of an admitted request; does nothing for one that was not admitted.</summary>
    ValueTask SettleAsync(HttpContext context, int actualTokens, CancellationToken cancellationToken);
}
