using System.Net;

namespace Kiln.Api.Tests;

[Collection(ApiSystemCollection.Name)]
public sealed class PingTests(ApiSystemFixture system)
{
    [Fact]
    public async Task Ping_reaches_inference_over_RabbitMQ()
    {
        await using var api = await system.StartApiAsync();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/ping", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("inference", await response.Content.ReadAsStringAsync());
    }
}
