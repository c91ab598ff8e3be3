using System.Text;
using Kiln.Contracts;
using Kiln.Inference.Generation;
using MassTransit;

namespace Kiln.Inference.Messaging;

/// <summary>
/// Gathers a stream's text and sends it as one non-persistent <see cref="TokenGenerated"/> per interval, so a
/// stream costs tens of messages a second rather than one per token.
/// </summary>
public sealed class StreamChunkSender : IGeneratedTextSink, IAsyncDisposable
{
    private readonly StringBuilder _pending = new();
    private readonly ISendEndpoint _endpoint;
    private readonly Guid _requestId;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Task _pump;
    private int _sequence;

    public StreamChunkSender(ISendEndpoint endpoint, Guid requestId, TimeSpan interval, TimeProvider time)
    {
        _endpoint = endpoint;
        _requestId = requestId;
        _pump = PumpAsync(new PeriodicTimer(interval, time));
    }

    /// <summary>Chunks sent so far.</summary>
    public int ChunksSent => Volatile.Read(ref _sequence);

    public void OnText(ReadOnlySpan<char> text)
    {
        lock (_pending) _pending.Append(text);
    }

    private async Task PumpAsync(PeriodicTimer timer)
    {
        using (timer)
        {
            try
            {
                // Sends are not cancelled: text taken from the buffer must reach the stream.
                while (await timer.WaitForNextTickAsync(_stop.Token)) await FlushAsync(CancellationToken.None);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            string text;
            lock (_pending)
            {
                if (_pending.Length == 0) return;
                text = _pending.ToString();
                _pending.Clear();
            }
            var chunk = new TokenGenerated(_requestId, _sequence, text);
            await _endpoint.Send(chunk, context => context.Durable = false, cancellationToken);
            Interlocked.Increment(ref _sequence);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Sends what is left; the final result goes out after this, so it always follows the last chunk.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        await _stop.CancelAsync();
        await _pump;
        await FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        _stop.Dispose();
        _sending.Dispose();
    }
}
