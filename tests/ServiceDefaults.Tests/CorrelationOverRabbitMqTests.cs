using System.Net.Http.Json;
using Kiln.Testing.Servers;

namespace Kiln.ServiceDefaults.Tests;

/// <summary>The request id of an HTTP request travels with the messages it publishes, over a real RabbitMQ.</summary>
public sealed class CorrelationOverRabbitMqTests(RabbitMqServerFixture rabbitmq) : IClassFixture<RabbitMqServerFixture>, IAsyncLifetime
{
    private TestHostProcess _host = null!;

    public async Task InitializeAsync() => _host = await TestHostProcess.StartAsync(new Dictionary<string, string>
    {
        ["ConnectionStrings__rabbitmq"] = rabbitmq.ConnectionString,
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private sealed record ProbeAnswer(string? CorrelationId);

    [Fact]
    public async Task A_published_message_is_consumed_under_the_request_id_that_sent_it()
    {
        await WaitUntilReadyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/probe?text=flow-check");
        request.Headers.Add("X-Request-ID", "flow-123");
        using var response = await _host.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();

        Assert.Equal("flow-123", (await response.Content.ReadFromJsonAsync<ProbeAnswer>())!.CorrelationId);
        var consumed = await _host.WaitForLineAsync(l => l.Contains("Consumed probe flow-check", StringComparison.Ordinal));
        Assert.Contains("\"correlationId\":\"flow-123\"", consumed);
    }

    private async Task WaitUntilReadyAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await _host.Http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("the test host's bus did not become ready");
    }
}
