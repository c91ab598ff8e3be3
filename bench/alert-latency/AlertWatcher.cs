using System.Collections.Concurrent;
using System.Diagnostics;
using Kiln.Contracts;
using Kiln.ServiceDefaults.Messaging;
using MassTransit;

namespace Kiln.Bench.AlertLatency;

/// <summary>A bus of its own on the broker: publishes injected events and timestamps every AlertRaised/AlertResolved on arrival.</summary>
public sealed class AlertWatcher : IAsyncDisposable
{
    private readonly IBusControl bus;
    private readonly ConcurrentQueue<(long At, object Message)> received = new();

    private AlertWatcher(IBusControl bus) => this.bus = bus;

    public IBus Bus => bus;

    public static async Task<AlertWatcher> StartAsync(string rabbitMqConnectionString, CancellationToken cancellationToken)
    {
        var endpoint = RabbitMqEndpoint.Parse(rabbitMqConnectionString);
        AlertWatcher? watcher = null;
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(endpoint.Host, endpoint.Port, endpoint.VirtualHost, host =>
            {
                host.Username(endpoint.Username);
                host.Password(endpoint.Password);
            });
            rabbit.ReceiveEndpoint($"alert-latency-{Guid.NewGuid():N}", queue =>
            {
                queue.AutoDelete = true;
                queue.Durable = false;
                queue.Handler<AlertRaised>(c => Keep(c.Message));
                queue.Handler<AlertResolved>(c => Keep(c.Message));
            });
        });
        watcher = new AlertWatcher(bus);
        await bus.StartAsync(cancellationToken);
        return watcher;

        Task Keep(object message)
        {
            watcher!.received.Enqueue((Stopwatch.GetTimestamp(), message));
            return Task.CompletedTask;
        }
    }

    /// <summary>The first matching AlertRaised that arrived after <paramref name="since"/> (a Stopwatch timestamp), with its arrival time.</summary>
    public Task<(long At, AlertRaised Alert)> WaitForRaisedAsync(string rule, string service, long since, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForAsync<AlertRaised>(a => a.Name == rule && a.Service == service, since, timeout, cancellationToken);

    public Task<(long At, AlertResolved Alert)> WaitForResolvedAsync(string fingerprint, long since, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForAsync<AlertResolved>(a => a.Fingerprint == fingerprint, since, timeout, cancellationToken);

    private async Task<(long, T)> WaitForAsync<T>(Func<T, bool> match, long since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            foreach (var (at, message) in received)
            {
                if (at >= since && message is T typed && match(typed)) return (at, typed);
            }
            await Task.Delay(5, cancellationToken);
        }
        throw new TimeoutException($"no matching {typeof(T).Name} within {timeout.TotalSeconds:0} s");
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
