using Kiln.Contracts;
using MassTransit;

namespace Kiln.Api.Generation;

/// <summary>
/// Sends one GenerateText to the inference queue and waits for TextGenerated or GenerationFailed until the
/// deadline (plus a grace for the answer to travel). A client that went away, or a deadline without an answer,
/// sends CancelGeneration so the slot is freed.
/// </summary>
public sealed class InferenceClient(IClientFactory clients, IBus bus, TimeProvider time, ILogger<InferenceClient> logger)
{
    private static readonly Uri Queue = new($"queue:{QueueNames.Inference}");
    private static readonly TimeSpan AnswerGrace = TimeSpan.FromSeconds(2);

    public async Task<GenerationOutcome> GenerateAsync(GenerateText message, CancellationToken clientAborted)
    {
        var deadline = message.Deadline ?? throw new ArgumentException("GenerateText.Deadline is set by the runner", nameof(message));
        var wait = deadline - time.GetUtcNow() + AnswerGrace;
        var client = clients.CreateRequestClient<GenerateText>(Queue, RequestTimeout.After(ms: (int)Math.Max(1, wait.TotalMilliseconds)));
        try
        {
            var response = await client.GetResponse<TextGenerated, GenerationFailed>(message, clientAborted);
            var passed = time.GetUtcNow() >= deadline;
            if (response.Is(out Response<TextGenerated>? generated))
                return generated.Message.FinishReason == FinishReason.Cancelled && passed
                    ? new GenerationOutcome.DeadlinePassed(generated.Message)
                    : new GenerationOutcome.Completed(generated.Message);
            if (!response.Is(out Response<GenerationFailed>? failure)) throw new InvalidOperationException("unexpected response type");
            var failed = failure.Message;
            return failed.Kind == GenerationFailureKind.Transient && passed
                ? new GenerationOutcome.DeadlinePassed(null)
                : new GenerationOutcome.Failed(failed);
        }
        catch (RequestTimeoutException)
        {
            await CancelAsync(message.RequestId, "deadline passed without an answer");
            return new GenerationOutcome.DeadlinePassed(null);
        }
        catch (OperationCanceledException) when (clientAborted.IsCancellationRequested)
        {
            await CancelAsync(message.RequestId, "client disconnected");
            return new GenerationOutcome.ClientGone();
        }
    }

    private async Task CancelAsync(Guid requestId, string reason)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            await bus.Publish(new CancelGeneration(requestId, reason), timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or MassTransitException)
        {
            logger.LogWarning("Could not send CancelGeneration for {RequestId}: {Reason}", requestId, e.Message);
        }
    }
}
