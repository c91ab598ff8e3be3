using Kiln.Contracts;
using MassTransit;

namespace Kiln.Monitoring.ErrorTracking;

/// <summary>
/// Counts MassTransit faults (a consumer gave up on a message after its retries) of the contracts that
/// matter, by message type.
/// </summary>
public sealed class FaultConsumer(ErrorStatistics statistics) :
    IConsumer<Fault<GenerateText>>,
    IConsumer<Fault<AlertRaised>>,
    IConsumer<Fault<AlertResolved>>,
    IConsumer<Fault<ServiceHealthChanged>>,
    IConsumer<Fault<InferenceCompleted>>,
    IConsumer<Fault<ErrorOccurred>>
{
    public Task Consume(ConsumeContext<Fault<GenerateText>> context) => Record<GenerateText>();

    public Task Consume(ConsumeContext<Fault<AlertRaised>> context) => Record<AlertRaised>();

    public Task Consume(ConsumeContext<Fault<AlertResolved>> context) => Record<AlertResolved>();

    public Task Consume(ConsumeContext<Fault<ServiceHealthChanged>> context) => Record<ServiceHealthChanged>();

    public Task Consume(ConsumeContext<Fault<InferenceCompleted>> context) => Record<InferenceCompleted>();

    public Task Consume(ConsumeContext<Fault<ErrorOccurred>> context) => Record<ErrorOccurred>();

    private Task Record<T>()
    {
        statistics.RecordFault(typeof(T).Name);
        return Task.CompletedTask;
    }
}
