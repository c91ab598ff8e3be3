using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Kiln.Api.History;

/// <summary>The bounded hand-off between requests and <see cref="HistoryWriter"/>: a full queue drops, never waits.</summary>
public sealed class HistoryQueue
{
    private readonly Channel<RequestRecord> channel;
    private readonly Counter<long> dropped;
    private long droppedSinceReport;

    public HistoryQueue(IOptions<HistoryOptions> options, IMeterFactory meters)
    {
        channel = Channel.CreateBounded<RequestRecord>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        dropped = meters.Create(HistoryMetrics.MeterName).CreateCounter<long>("kiln.api.history.dropped", description: "History rows not written: queue full or unwritable");
    }

    public ChannelReader<RequestRecord> Reader => channel.Reader;

    public int Count => channel.Reader.Count;

    public void Enqueue(RequestRecord record)
    {
        if (channel.Writer.TryWrite(record)) return;
        CountDropped(1, "queue_full");
    }

    public void CountDropped(long count, string reason)
    {
        dropped.Add(count, new KeyValuePair<string, object?>("reason", reason));
        Interlocked.Add(ref droppedSinceReport, count);
    }

    /// <summary>Rows dropped since the last call, for one summary log line instead of one per drop.</summary>
    public long TakeDroppedCount() => Interlocked.Exchange(ref droppedSinceReport, 0);
}

internal static class HistoryMetrics
{
    public const string MeterName = "Kiln.Api.History";
}
