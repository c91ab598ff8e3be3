namespace Kiln.ServiceDefaults.Tests;

public sealed class EdgeHeadersTests : IAsyncLifetime
{
    private TestHostProcess _host = null!;

    public async Task InitializeAsync() => _host = await TestHostProcess.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        foreach (var path in new[] { "/echo", "/health", "/no-such-route" })
        {
            using var response = await _host.Http.GetAsync(path);
            var headers = response.Headers;
            Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("default-src 'none'", headers.GetValues("Content-Security-Policy").Single());
            Assert.StartsWith("max-age=", headers.GetValues("Strict-Transport-Security").Single());
        }
    }

    [Fact]
    public async Task A_well_formed_request_id_is_returned_as_is()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.Add("X-Request-ID", "client-id-42");
        using var response = await _host.Http.SendAsync(request);
        Assert.Equal("client-id-42", response.Headers.GetValues("X-Request-ID").Single());
    }

    [Fact]
    public async Task A_malformed_request_id_is_replaced()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.TryAddWithoutValidation("X-Request-ID", "bad id with spaces");
        using var response = await _host.Http.SendAsync(request);
        var id = response.Headers.GetValues("X-Request-ID").Single();
        Assert.NotEqual("bad id with spaces", id);
        Assert.Equal(32, id.Length);
    }

    [Fact]
    public async Task A_missing_request_id_is_generated_per_request()
    {
        using var first = await _host.Http.GetAsync("/echo");
        using var second = await _host.Http.GetAsync("/echo");
        Assert.NotEqual(first.Headers.GetValues("X-Request-ID").Single(), second.Headers.GetValues("X-Request-ID").Single());
    }

    [Fact]
    public async Task Cors_is_closed_in_production()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/echo");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        using var response = await _host.Http.SendAsync(request);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Detailed_health_requires_the_admin_token()
    {
        using var response = await _host.Http.GetAsync("/health/detailed");
        // The host runs without Admin__Token: admin endpoints are closed to everyone.
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }
}
