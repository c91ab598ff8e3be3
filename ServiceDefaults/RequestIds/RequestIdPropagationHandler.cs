namespace Kiln.ServiceDefaults.RequestIds;

/// <summary>Carries the current request id on outgoing HTTP calls.</summary>
internal sealed class RequestIdPropagationHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (CorrelationContext.Current is { } id && !request.Headers.Contains(CorrelationContext.HeaderName))
        {
            request.Headers.TryAddWithoutValidation(CorrelationContext.HeaderName, id);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
