using System.Collections.Concurrent;

namespace Kiln.Inference.Messaging;

/// <summary>The generations running on this instance, by request id, so that a CancelGeneration can reach them.</summary>
public sealed class ActiveGenerations
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    /// <summary>Tracks <paramref name="cancellation"/> until the returned handle is disposed.</summary>
    public IDisposable Track(Guid requestId, CancellationTokenSource cancellation)
    {
        _running[requestId] = cancellation;
        return new Tracked(this, requestId, cancellation);
    }

    /// <summary>Cancels the generation of <paramref name="requestId"/>; false when it does not run here.</summary>
    public bool Cancel(Guid requestId)
    {
        if (!_running.TryGetValue(requestId, out var cancellation)) return false;
        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        return true;
    }

    private sealed class Tracked(ActiveGenerations owner, Guid requestId, CancellationTokenSource cancellation) : IDisposable
    {
        public void Dispose() => owner._running.TryRemove(new KeyValuePair<Guid, CancellationTokenSource>(requestId, cancellation));
    }
}
