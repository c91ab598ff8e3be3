using Kiln.Contracts;
using MassTransit;

namespace Kiln.Inference.Messaging;

/// <summary>
/// Stops a generation when the client went away or its deadline passed. Every instance gets every
/// CancelGeneration on a queue of its own; only the one running the request acts on it.
/// </summary>
public sealed class CancelGenerationConsumer(ActiveGenerations running, ILogger<CancelGenerationConsumer> logger) : IConsumer<CancelGeneration>
{
    public Task Consume(ConsumeContext<CancelGeneration> context)
    {
        if (running.Cancel(context.Message.RequestId))
            logger.LogInformation("Cancelled generation {RequestId}: {Reason}", context.Message.RequestId, context.Message.Reason);
        return Task.CompletedTask;
    }
}
