using Kiln.Contracts;
using MassTransit;

namespace Kiln.Monitoring.ErrorTracking;

/// <summary>Counts every reported error for the error rules and stats.</summary>
public sealed class ErrorOccurredConsumer(ErrorStatistics statistics) : IConsumer<ErrorOccurred>
{
    public Task Consume(ConsumeContext<ErrorOccurred> context)
    {
        statistics.Record(context.Message);
        return Task.CompletedTask;
    }
}
