using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Kiln.Monitoring.Dashboard.Live;

/// <summary>
/// Server-Sent Events: a snapshot at once, then whenever it changes (checked every second) and at least every
/// <see cref="DashboardOptions.DashboardRefreshInterval"/>. The browser script reconnects with its own backoff.
/// </summary>
internal static class DashboardEvents
{
    public const string SnapshotEvent = "snapshot";
    private static readonly TimeSpan ChangeCheck = TimeSpan.FromSeconds(1);
    // The browser reconnects after this, so no stream (and no loop) runs forever.
    private static readonly TimeSpan MaxStream = TimeSpan.FromMinutes(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IResult Stream(IDashboardSource source, IOptions<DashboardOptions> options, TimeProvider time, CancellationToken ct) =>
        TypedResults.ServerSentEvents(Snapshots(source, options.Value.DashboardRefreshInterval, time, ct));

    private static async IAsyncEnumerable<SseItem<string>> Snapshots(
        IDashboardSource source, TimeSpan refresh, TimeProvider time, [EnumeratorCancellation] CancellationToken ct)
    {
        string? last = null;
        var lastSent = DateTimeOffset.MinValue;
        var until = time.GetUtcNow() + MaxStream;
        using var timer = new PeriodicTimer(ChangeCheck, time);
        do
        {
            var snapshot = await source.GetSnapshotAsync(ct);
            // GeneratedAt changes every time; compare the content without it.
            var content = JsonSerializer.Serialize(snapshot with { GeneratedAt = default }, Json);
            if (content != last || time.GetUtcNow() - lastSent >= refresh)
            {
                last = content;
                lastSent = time.GetUtcNow();
                yield return new SseItem<string>(JsonSerializer.Serialize(snapshot, Json), SnapshotEvent);
            }
        }
        while (time.GetUtcNow() < until && await WaitAsync(timer, ct));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }
}
