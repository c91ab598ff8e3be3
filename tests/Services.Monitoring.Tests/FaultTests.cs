using Kiln.Contracts;
using Kiln.Monitoring.ErrorTracking;
using Kiln.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Monitoring.Tests;

[Collection(MonitoringCollection.Name)]
public sealed class FaultTests(MonitoringFixture fixture)
{
    [Fact]
    public async Task A_consumer_that_gives_up_on_GenerateText_is_counted_as_a_fault()
    {
        var endpoint = RabbitMqEndpoint.Parse(fixture.RabbitMq.ConnectionString);
        var queue = $"monitoring-tests-faulty-{Guid.NewGuid():N}";
        var faulty = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(endpoint.Host, endpoint.Port, endpoint.VirtualHost, host =>
            {
                host.Username(endpoint.Username);
                host.Password(endpoint.Password);
            });
            // Durable (the default): a send endpoint declares the queue durable, and a mismatch makes the broker refuse it.
            rabbit.ReceiveEndpoint(queue, e =>
            {
                e.Handler<GenerateText>(_ => throw new InvalidOperationException("the model is gone"));
            });
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await faulty.StartAsync(timeout.Token);
        try
        {
            var statistics = fixture.Monitoring.Services.GetRequiredService<ErrorStatistics>();
            var before = statistics.Over(TimeSpan.FromMinutes(1)).FaultsByMessage.GetValueOrDefault(nameof(GenerateText));

            var send = await faulty.GetSendEndpoint(new Uri($"queue:{queue}")).WaitAsync(timeout.Token);
            await send.Send(new GenerateText { RequestId = Guid.NewGuid(), Model = "kiln-test", Prompt = "hello" }, timeout.Token);

            for (var i = 0; i < 500 && statistics.Over(TimeSpan.FromMinutes(1)).FaultsByMessage.GetValueOrDefault(nameof(GenerateText)) == before; i++)
                await Task.Delay(20);
            Assert.Equal(before + 1, statistics.Over(TimeSpan.FromMinutes(1)).FaultsByMessage.GetValueOrDefault(nameof(GenerateText)));
            Assert.True(statistics.Over(TimeSpan.FromMinutes(1)).Faults >= 1);
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await faulty.StopAsync(stopping.Token);
        }
    }
}
