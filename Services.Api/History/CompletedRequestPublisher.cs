using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Kiln.Contracts;
using MassTransit;

namespace Kiln.Api.History;

/// <summary>
/// Publishes ApiRequestCompleted (non-persistent) for each recorded request, off the request path; while the
/// broker is down events are dropped and counted, never holding up a request.
/// </summary>
public sealed partial class CompletedRequestPublisher(IBus bus, IMeterFactory meters, ILogger<CompletedRequestPublisher> logger) : BackgroundService
{
    private const int Capacity = 10_000;
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);
    private readonly Channel<ApiRequestCompleted> channel = Channel.CreateBounded<ApiRequestCompleted>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private readonly Counter<long> dropped = meters.Create(HistoryMetrics.MeterName)
        .CreateCounter<long>("kiln.api.events.dropped", description: "ApiRequestCompleted events not published");
    private long droppedSinceReport;

    public void Enqueue(RequestRecord r)
    {
        var message = new ApiRequestCompleted(r.RequestId, r.KeyId, r.Endpoint, r.Model, r.StatusCode, r.ErrorType, r.ErrorCode,
            r.DurationMs, r.PromptTokens, r.CompletionTokens, r.CreatedAt + TimeSpan.FromMilliseconds(r.DurationMs));
        if (!channel.Writer.TryWrite(message)) Drop();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in channel.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    timeout.CancelAfter(PublishTimeout);
                    await bus.Publish(message, context => context.Durable = false, timeout.Token);
                    if (Interlocked.Exchange(ref droppedSinceReport, 0) is var lost and > 0) LogDropped(logger, lost);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    Drop();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: events still queued are monitoring data, not worth delaying the exit for.
        }
    }

    private void Drop()
    {
        dropped.Add(1);
        Interlocked.Increment(ref droppedSinceReport);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} ApiRequestCompleted events were dropped (broker unavailable or queue full)")]
    private static partial void LogDropped(ILogger logger, long count);
}
