using Kiln.Contracts;
using MassTransit;

namespace Kiln.Inference.Ping;

/// <summary>Answers the API's round-trip probe.</summary>
public sealed class PingConsumer(TimeProvider time) : IConsumer<Contracts.Ping>
{
    private static readonly string Instance = $"{Environment.MachineName}/{Environment.ProcessId}";

    public Task Consume(ConsumeContext<Contracts.Ping> context) =>
        context.RespondAsync(new Pong(context.Message.Id, "inference", Instance, time.GetUtcNow()));
}
