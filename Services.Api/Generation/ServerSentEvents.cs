using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Kiln.Api.Generation;

/// <summary>Writes <c>data: {json}</c> events, unbuffered; the response starts with the first event.</summary>
public sealed class ServerSentEvents(HttpContext context)
{
    private static readonly byte[] Done = Encoding.UTF8.GetBytes("data: [DONE]\n\n");
    private static readonly byte[] DataPrefix = Encoding.UTF8.GetBytes("data: ");
    private static readonly byte[] EventEnd = Encoding.UTF8.GetBytes("\n\n");

    public bool Started { get; private set; }

    public async Task WriteAsync(object payload, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        var body = context.Response.Body;
        await body.WriteAsync(DataPrefix, cancellationToken);
        await JsonSerializer.SerializeAsync(body, payload, payload.GetType(), cancellationToken: cancellationToken);
        await body.WriteAsync(EventEnd, cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    public async Task WriteDoneAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        await context.Response.Body.WriteAsync(Done, cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Started) return;
        Started = true;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(cancellationToken);
    }
}
