using Kiln.Contracts;
using MassTransit;

namespace Kiln.Monitoring.InferenceStats;

/// <summary>Feeds every completed generation into the inference statistics.</summary>
public sealed class InferenceCompletedConsumer(InferenceStatistics statistics) : IConsumer<InferenceCompleted>
{
    public Task Consume(ConsumeContext<InferenceCompleted> context)
    {
        statistics.Record(context.Message);
        return Task.CompletedTask;
    }
}
