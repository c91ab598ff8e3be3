using Kiln.Api.Keys;
using Microsoft.Extensions.Options;

namespace Kiln.Api.History;

/// <summary>
/// Times each recorded request and, when it is done, queues its history row and its ApiRequestCompleted event;
/// neither can block or fail the request.
/// </summary>
public sealed class RequestHistoryMiddleware(
    RequestDelegate next, TimeProvider time, HistoryQueue history, CompletedRequestPublisher events,
    ClientAddressHasher hasher, IOptions<HistoryOptions> options)
{
    private readonly HistoryOptions o = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!o.RecordedPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var record = Describe(context, startedAt, time.GetElapsedTime(started), failed);
            history.Enqueue(record);
            events.Enqueue(record);
        }
    }

    private RequestRecord Describe(HttpContext context, DateTimeOffset startedAt, TimeSpan elapsed, bool failed)
    {
        var outcome = context.GetRequestOutcome();
        return new RequestRecord
        {
            RequestId = Clip(context.TraceIdentifier, 128)!,
            KeyId = Clip(context.GetApiCaller()?.KeyId, 64),
            Endpoint = Clip(context.Request.Path.Value ?? "/", 128)!,
            Model = Clip(outcome.Model, 256),
            StatusCode = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode,
            PromptTokens = outcome.PromptTokens,
            CompletionTokens = outcome.CompletionTokens,
            DurationMs = elapsed.TotalMilliseconds,
            ErrorType = Clip(outcome.ErrorType ?? (failed ? "server_error" : null), 64),
            ErrorCode = Clip(outcome.ErrorCode, 64),
            FinishReason = Clip(outcome.FinishReason, 32),
            ClientIpHash = hasher.Hash(context.Connection.RemoteIpAddress),
            Prompt = Content(outcome.Prompt),
            Response = Content(outcome.Response),
            CreatedAt = startedAt,
        };
    }

    private string? Content(string? text) => o.StoreContent switch
    {
        StoredContent.None => null,
        StoredContent.Truncated => Clip(text, o.ContentMaxLength),
        _ => text,
    };

    private static string? Clip(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
