using System.Text;
using Kiln.Api.Errors;
using Kiln.Api.History;
using Kiln.Api.RateLimiting;
using Kiln.Contracts;
using Microsoft.Extensions.Options;

namespace Kiln.Api.Generation;

/// <summary>
/// Runs one validated generation for an endpoint: token admission, the bus round trip, and the answer as one
/// JSON body or as Server-Sent Events (chunks in sequence order, a finish chunk, the usage chunk when asked,
/// then <c>[DONE]</c>). Fills the request's <see cref="RequestOutcome"/>.
/// </summary>
public sealed class GenerationRunner(InferenceClient inference, StreamRouter router, ITokenLimiter limiter, IOptions<ApiOptions> options, TimeProvider time)
{
    /// <summary>A new request id: the client's X-Request-ID when it is a GUID not already streaming here, so logs line up.</summary>
    public Guid RequestIdFor(HttpContext context) =>
        Guid.TryParse(context.TraceIdentifier, out var id) && !router.IsOpen(id) ? id : Guid.CreateVersion7(time.GetUtcNow());

    public DateTimeOffset DeadlineFromNow() => time.GetUtcNow() + options.Value.RequestTimeout;

    public async Task<IResult> RunAsync(HttpContext context, GenerateText message, int estimatedTokens, ICompletionFormat format, bool includeUsage)
    {
        if (await limiter.AdmitAsync(context, estimatedTokens, context.RequestAborted) is { } refused) return refused;

        var outcome = context.GetRequestOutcome();
        outcome.Model = message.Model;
        try
        {
            return message.Stream ? await StreamAsync(context, message, format, includeUsage) : await AnswerAsync(context, message, format);
        }
        finally
        {
            await limiter.SettleAsync(context, outcome.PromptTokens + outcome.CompletionTokens, CancellationToken.None);
        }
    }

    private async Task<IResult> AnswerAsync(HttpContext context, GenerateText message, ICompletionFormat format)
    {
        var outcome = await inference.GenerateAsync(message, context.RequestAborted);
        Record(context, outcome);
        return outcome switch
        {
            GenerationOutcome.Completed done => TypedResults.Json(format.Final(done.Result), statusCode: StatusCodes.Status200OK),
            _ => ErrorFor(outcome, format),
        };
    }

    private async Task<IResult> StreamAsync(HttpContext context, GenerateText message, ICompletionFormat format, bool includeUsage)
    {
        using var route = router.Open(message.RequestId);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var events = new ServerSentEvents(context);
        var relay = new ChunkRelay(events, format, stop.Token);
        var running = inference.GenerateAsync(message with { Stream = true, StreamAddress = router.Address }, context.RequestAborted);
        try
        {
            Task<bool>? waiting = null;
            while (!running.IsCompleted)
            {
                waiting ??= route.Chunks.WaitToReadAsync(stop.Token).AsTask();
                await Task.WhenAny(waiting, running);
                if (!waiting.IsCompleted) break;
                if (!await waiting) break;
                waiting = null;
                await relay.TakeAsync(route);
            }

            var outcome = await running;
            Record(context, outcome);
            if (outcome is GenerationOutcome.Completed { Result: var result })
            {
                await DrainAsync(route, relay, result, stop.Token);
                await relay.FinishAsync(result, includeUsage);
                return Results.Empty;
            }
            if (outcome is GenerationOutcome.ClientGone) return Results.Empty;
            var error = ErrorFor(outcome, format);
            if (!events.Started) return error;
            if (error is OpenAiErrorResult openAi)
            {
                openAi.RecordOn(context);
                await events.WriteAsync(new OpenAiErrorBody(openAi.Error), stop.Token);
            }
            return Results.Empty;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            Record(context, await running);
            return Results.Empty;
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    /// <summary>Chunks may trail the final result: wait for all of them, within the grace.</summary>
    private async Task DrainAsync(StreamRoute route, ChunkRelay relay, TextGenerated result, CancellationToken cancellationToken)
    {
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(options.Value.StreamChunkGrace);
        try
        {
            while (relay.Next < result.StreamChunks && await route.Chunks.WaitToReadAsync(grace.Token)) await relay.TakeAsync(route);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    private IResult ErrorFor(GenerationOutcome outcome, ICompletionFormat format) => outcome switch
    {
        GenerationOutcome.Failed failed => GenerationErrors.For(failed.Failure, format.PromptParam),
        GenerationOutcome.DeadlinePassed => GenerationErrors.Deadline(options.Value.RequestTimeout),
        GenerationOutcome.ClientGone => Results.StatusCode(499),
        _ => OpenAiErrors.Internal("Unexpected generation outcome."),
    };

    private static void Record(HttpContext context, GenerationOutcome outcome)
    {
        var record = context.GetRequestOutcome();
        var result = outcome switch
        {
            GenerationOutcome.Completed done => done.Result,
            GenerationOutcome.DeadlinePassed late => late.Partial,
            _ => null,
        };
        if (result is not null)
        {
            record.PromptTokens = result.Usage.PromptTokens;
            record.CompletionTokens = result.Usage.CompletionTokens;
            record.Response = result.Text;
        }
        record.FinishReason = outcome switch
        {
            GenerationOutcome.Completed done => FinishReasons.Of(done.Result.FinishReason),
            GenerationOutcome.ClientGone or GenerationOutcome.DeadlinePassed => "cancelled",
            _ => null,
        };
    }

    /// <summary>Writes chunks in sequence order as they arrive, and what is missing at the end from the final text.</summary>
    private sealed class ChunkRelay(ServerSentEvents events, ICompletionFormat format, CancellationToken cancellationToken)
    {
        private readonly Dictionary<int, string> _early = [];
        private readonly StringBuilder _written = new();

        public int Next { get; private set; }

        public async Task TakeAsync(StreamRoute route)
        {
            while (route.Chunks.TryRead(out var chunk)) _early[chunk.Sequence] = chunk.Text;
            while (_early.Remove(Next, out var text))
            {
                await WriteAsync(text);
                Next++;
            }
        }

        public async Task FinishAsync(TextGenerated result, bool includeUsage)
        {
            // A chunk lost on the way (they are not persistent): the final text still has it.
            var written = _written.ToString();
            if (result.Text.Length > written.Length && result.Text.StartsWith(written, StringComparison.Ordinal))
                await WriteAsync(result.Text[written.Length..]);
            await StartAsync();
            await events.WriteAsync(format.Finish(FinishReasons.Of(result.FinishReason)), cancellationToken);
            if (includeUsage) await events.WriteAsync(format.UsageChunk(result.Usage), cancellationToken);
            await events.WriteDoneAsync(cancellationToken);
        }

        private async Task WriteAsync(string text)
        {
            if (text.Length == 0) return;
            await StartAsync();
            _written.Append(text);
            await events.WriteAsync(format.Delta(text), cancellationToken);
        }

        private async Task StartAsync()
        {
            if (!events.Started && format.Start() is { } first) await events.WriteAsync(first, cancellationToken);
        }
    }
}
