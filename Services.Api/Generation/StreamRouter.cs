using System.Collections.Concurrent;
using System.Threading.Channels;
using Kiln.Contracts;
using MassTransit;

namespace Kiln.Api.Generation;

/// <summary>
/// Routes TokenGenerated chunks to the HTTP response waiting for them. Chunks are sent to this instance's bus
/// endpoint (a temporary queue of its own), so every API instance gets only the chunks of its own streams.
/// </summary>
public sealed class StreamRouter(IBus bus) : IHostedService
{
    private readonly ConcurrentDictionary<Guid, Channel<TokenGenerated>> _routes = new();
    private ConnectHandle? _handler;

    /// <summary>Where inference sends the chunks (GenerateText.StreamAddress).</summary>
    public Uri Address => bus.Address;

    public bool IsOpen(Guid requestId) => _routes.ContainsKey(requestId);

    /// <summary>Receives the chunks of <paramref name="requestId"/> until the returned route is disposed.</summary>
    public StreamRoute Open(Guid requestId)
    {
        var channel = Channel.CreateUnbounded<TokenGenerated>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = true });
        if (!_routes.TryAdd(requestId, channel)) throw new InvalidOperationException($"stream {requestId} is already open");
        return new StreamRoute(channel.Reader, () => _routes.TryRemove(requestId, out _));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _handler = bus.ConnectHandler<TokenGenerated>(context =>
        {
            if (_routes.TryGetValue(context.Message.RequestId, out var channel)) channel.Writer.TryWrite(context.Message);
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _handler?.Disconnect();
        return Task.CompletedTask;
    }
}

/// <summary>One stream's chunks, in arrival order (not necessarily sequence order).</summary>
public sealed class StreamRoute(ChannelReader<TokenGenerated> reader, Action close) : IDisposable
{
    public ChannelReader<TokenGenerated> Chunks => reader;

    public void Dispose() => close();
}
