using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Kiln.Contracts;
using Kiln.ServiceDefaults.Messaging;
using MassTransit;

namespace Kiln.Api.Tests;

[Collection(ApiSystemCollection.Name)]
public sealed class HistoryEventTests(ApiSystemFixture system)
{
    [Fact]
    public async Task Each_recorded_request_publishes_ApiRequestCompleted()
    {
        var received = new ConcurrentDictionary<string, ApiRequestCompleted>();
        var rabbit = RabbitMqEndpoint.Parse(system.RabbitMq.ConnectionString);
        var listener = Bus.Factory.CreateUsingRabbitMq(bus =>
        {
            bus.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
            {
                h.Username(rabbit.Username);
                h.Password(rabbit.Password);
            });
            bus.ReceiveEndpoint($"history-event-test-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler<ApiRequestCompleted>(context =>
                {
                    received[context.Message.RequestId] = context.Message;
                    return Task.CompletedTask;
                });
            });
        });
        await listener.StartAsync();
        try
        {
            await using var api = await system.StartApiAsync();
            using var client = api.CreateClient();
            var id = $"event-{Guid.NewGuid():N}";
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("v1/models", UriKind.Relative));
            request.Headers.Add("X-Request-ID", id);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

            var clock = Stopwatch.StartNew();
            while (!received.ContainsKey(id) && clock.Elapsed < TimeSpan.FromSeconds(15)) await Task.Delay(50);

            Assert.True(received.TryGetValue(id, out var message), "no ApiRequestCompleted within 15 s");
            Assert.Equal((401, "authentication_error", "/v1/models"), (message.StatusCode, message.ErrorType, message.Endpoint));
            Assert.True(message.DurationMs > 0);
        }
        finally
        {
            await listener.StopAsync();
        }
    }
}
