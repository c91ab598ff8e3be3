using System.Diagnostics.Metrics;
using Kiln.Api.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kiln.Api.Tests;

public sealed class HistoryQueueTests
{
    [Fact]
    public void Full_queue_drops_and_counts_without_blocking()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var queue = new HistoryQueue(Options.Create(new HistoryOptions { QueueCapacity = 2 }), services.GetRequiredService<IMeterFactory>());
        long counted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Kiln.Api.History" && instrument.Name == "kiln.api.history.dropped") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counted, value));
        listener.Start();

        for (var i = 0; i < 5; i++) queue.Enqueue(new RequestRecord { RequestId = $"r{i}", Endpoint = "/v1/x" });

        Assert.Equal(2, queue.Count);
        Assert.Equal(3, Interlocked.Read(ref counted));
        Assert.Equal(3, queue.TakeDroppedCount());
        Assert.Equal(0, queue.TakeDroppedCount());
    }
}
