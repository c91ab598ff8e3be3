using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kiln.ServiceDefaults.RequestIds;

/// <summary>Accepts or creates <c>X-Request-ID</c>, returns it, and attaches it to logs, traces and messages.</summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, TimeProvider time, ILogger<RequestIdMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var id = RequestIdFormat.AcceptOrCreate(context.Request.Headers[CorrelationContext.HeaderName], time);
        context.TraceIdentifier = id;
        context.Response.Headers[CorrelationContext.HeaderName] = id;
        Activity.Current?.SetTag("kiln.request_id", id);
        CorrelationContext.Current = id;

        using (logger.BeginScope(new KeyValuePair<string, object?>[] { new(CorrelationContext.LogField, id) }))
        {
            await next(context);
        }
    }
}
