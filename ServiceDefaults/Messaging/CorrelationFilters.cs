using Kiln.ServiceDefaults.RequestIds;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Kiln.ServiceDefaults.Messaging;

/// <summary>Restores the request id of a consumed message for logs and for the messages its consumer sends.</summary>
internal sealed class CorrelationConsumeFilter<T>(ILogger<CorrelationConsumeFilter<T>> logger) : IFilter<ConsumeContext<T>> where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var id = context.Headers.Get<string>(CorrelationContext.HeaderName) ?? context.CorrelationId?.ToString("N");
        if (id is null || !RequestIdFormat.IsWellFormed(id))
        {
            await next.Send(context);
            return;
        }
        CorrelationContext.Current = id;
        using (logger.BeginScope(new KeyValuePair<string, object?>[] { new(CorrelationContext.LogField, id) }))
        {
            await next.Send(context);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("kilnCorrelation");
}

/// <summary>Stamps outgoing messages with the current request id (header, and CorrelationId when it is a GUID).</summary>
internal static class CorrelationStamp
{
    public static void Apply(SendContext context)
    {
        if (CorrelationContext.Current is not { } id) return;
        context.Headers.Set(CorrelationContext.HeaderName, id);
        if (context.CorrelationId is null && Guid.TryParse(id, out var guid)) context.CorrelationId = guid;
    }
}
