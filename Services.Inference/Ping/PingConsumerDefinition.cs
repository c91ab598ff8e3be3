using Kiln.Contracts;
using MassTransit;

namespace Kiln.Inference.Ping;

/// <summary>Pings arrive on the queue the API sends them to, shared by all inference replicas.</summary>
public sealed class PingConsumerDefinition : ConsumerDefinition<PingConsumer>
{
    public PingConsumerDefinition() => EndpointName = QueueNames.InferencePing;
}
