using Kiln.Api.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Kiln.Api.Tests;

/// <summary>Admits every request: stands in for the token limiter until one is registered by the service itself.</summary>
public sealed class AdmitAllTokenLimiter : ITokenLimiter
{
    public ValueTask<IResult?> AdmitAsync(HttpContext context, int estimatedTokens, CancellationToken cancellationToken) => ValueTask.FromResult<IResult?>(null);

    public ValueTask SettleAsync(HttpContext context, int actualTokens, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
