using System.Collections.Concurrent;
using Kiln.ServiceDefaults.RequestIds;
using MassTransit;

namespace Kiln.ServiceDefaults.TestHost;

/// <summary>A message the test host publishes to itself, to see which request id arrives with it.</summary>
public sealed record Probe(string Text);

/// <summary>Records the request id each probe was consumed under.</summary>
public sealed class ProbeConsumer(ILogger<ProbeConsumer> logger) : IConsumer<Probe>
{
    public static ConcurrentDictionary<string, string?> Seen { get; } = new();

    public Task Consume(ConsumeContext<Probe> context)
    {
        logger.LogInformation("Consumed probe {Text}", context.Message.Text);
        Seen[context.Message.Text] = CorrelationContext.Current;
        return Task.CompletedTask;
    }
}
