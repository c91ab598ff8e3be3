using System.Collections.Concurrent;
using Kiln.Contracts;
using Kiln.ServiceDefaults.Messaging;
using MassTransit;

namespace Kiln.Monitoring.Tests;

/// <summary>
/// A bus of the test's own on the real broker: publishes events as other services would, and records every
/// AlertRaised, AlertResolved and ServiceHealthChanged that reaches its private, auto-deleted queue.
/// </summary>
public sealed class BusObserver : IAsyncDisposable
{
    private readonly IBusControl bus;
    private readonly ConcurrentQueue<object> received = new();

    private BusObserver(IBusControl bus) => this.bus = bus;

    public static async Task<BusObserver> StartAsync(string rabbitMqConnectionString)
    {
        var endpoint = RabbitMqEndpoint.Parse(rabbitMqConnectionString);
        BusObserver? observer = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(endpoint.Host, endpoint.Port, endpoint.VirtualHost, host =>
            {
                host.Username(endpoint.Username);
                host.Password(endpoint.Password);
            });
            rabbit.ReceiveEndpoint($"monitoring-tests-{Guid.NewGuid():N}", queue =>
            {
                queue.AutoDelete = true;
                queue.Durable = false;
                queue.Handler<AlertRaised>(c => Keep(c.Message));
                queue.Handler<AlertResolved>(c => Keep(c.Message));
                queue.Handler<ServiceHealthChanged>(c => Keep(c.Message));
            });
        });
        observer = new BusObserver(bus);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.StartAsync(timeout.Token);
        return observer;

        Task Keep(object message)
        {
            observer!.received.Enqueue(message);
            return Task.CompletedTask;
        }
    }

    public Task PublishAsync<T>(T message) where T : class => bus.Publish(message);

    public IReadOnlyList<T> Received<T>(Func<T, bool> match) => received.OfType<T>().Where(match).ToList();

    /// <summary>Waits (bounded) until <paramref name="count"/> matching messages arrived; returns them.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync<T>(Func<T, bool> match, int count = 1, double seconds = 10)
    {
        for (var i = 0; i < seconds * 50; i++)
        {
            var found = Received(match);
            if (found.Count >= count) return found;
            await Task.Delay(20);
        }
        throw new TimeoutException($"expected {count} {typeof(T).Name}, got {Received(match).Count} within {seconds} s");
    }

    /// <summary>Gives messages already on their way time to arrive, so a count of "exactly one" means something.</summary>
    public static Task SettleAsync() => Task.Delay(TimeSpan.FromMilliseconds(400));

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
