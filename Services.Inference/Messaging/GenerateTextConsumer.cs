using Kiln.Contracts;
using Kiln.Inference.Generation;
using Kiln.Inference.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Kiln.Inference.Messaging;

/// <summary>
/// Serves GenerateText from the "inference" queue: answers the requester with TextGenerated or GenerationFailed,
/// streams TokenGenerated chunks to the stream address when asked, and publishes InferenceCompleted or ErrorOccurred.
/// </summary>
public sealed class GenerateTextConsumer(
    ModelHost host,
    ActiveGenerations running,
    IOptions<InferenceOptions> options,
    TimeProvider time,
    ILogger<GenerateTextConsumer> logger) : IConsumer<GenerateText>
{
    public async Task Consume(ConsumeContext<GenerateText> context)
    {
        var message = context.Message;
        if (host.Engine is not { } engine)
        {
            await FailAsync(context, GenerationFailureKind.Transient, "The model of this instance is not loaded.");
            return;
        }

        var now = time.GetUtcNow();
        if (message.Deadline is { } deadline && deadline <= now)
        {
            await FailAsync(context, GenerationFailureKind.Transient, "The request's deadline passed before generation started.");
            return;
        }

        using var cancellation = message.Deadline is { } end ? new CancellationTokenSource(end - now, time) : new CancellationTokenSource();
        using var tracked = running.Track(message.RequestId, cancellation);
        await using var stream = message is { Stream: true, StreamAddress: { } address }
            ? new StreamChunkSender(await context.GetSendEndpoint(address), message.RequestId, options.Value.StreamInterval, time)
            : null;

        GenerationResult result;
        try
        {
            result = await engine.GenerateAsync(new GenerationRequest
            {
                Prompt = message.Prompt,
                Messages = message.Messages,
                Sampling = message.Sampling,
                Stream = stream,
            }, cancellation.Token);
        }
        catch (GenerationException e)
        {
            await FailAsync(context, e.Kind, e.Message);
            return;
        }

        // Not cancellable: the last chunk must go out before the final result, also during shutdown.
        if (stream is not null) await stream.CompleteAsync(CancellationToken.None);
        if (result.FinishReason == FinishReason.Cancelled && result.Usage.CompletionTokens == 0 && host.State == ModelState.Stopping)
        {
            await FailAsync(context, GenerationFailureKind.Transient, "This inference instance shut down before the request started; send it again.");
            return;
        }

        var model = engine.Model.Name;
        await context.RespondAsync(new TextGenerated(message.RequestId, model, result.Text, result.FinishReason, result.Usage, result.Timings, stream?.ChunksSent ?? 0));
        await context.Publish(new InferenceCompleted(message.RequestId, message.KeyId, model, result.FinishReason, result.Usage, result.Timings, result.Gpu, time.GetUtcNow()));
    }

    private async Task FailAsync(ConsumeContext<GenerateText> context, GenerationFailureKind kind, string reason)
    {
        var requestId = context.Message.RequestId;
        logger.Log(kind == GenerationFailureKind.Invalid ? LogLevel.Information : LogLevel.Warning,
            "Generation {RequestId} failed ({Kind}): {Reason}", requestId, kind, reason);
        await context.RespondAsync(new GenerationFailed(requestId, kind, reason));
        var (category, severity) = kind switch
        {
            GenerationFailureKind.Invalid => (ErrorCategory.Data, Severity.Info),
            GenerationFailureKind.Overloaded => (ErrorCategory.Resource, Severity.Warning),
            GenerationFailureKind.Model => (ErrorCategory.Model, Severity.Error),
            _ => (ErrorCategory.Transient, Severity.Warning),
        };
        await context.Publish(new ErrorOccurred("inference", category, severity, reason, requestId.ToString(), time.GetUtcNow()));
    }
}
