using Kiln.Contracts;
using MassTransit;

namespace Kiln.Monitoring.ErrorTracking;

/// <summary>Counts Api request outcomes for the error rate and 429 counts.</summary>
public sealed class ApiRequestCompletedConsumer(ErrorStatistics statistics) : IConsumer<ApiRequestCompleted>
{
    public Task Consume(ConsumeContext<ApiRequestCompleted> context)
    {
        statistics.Record(context.Message);
        return Task.CompletedTask;
    }
}
