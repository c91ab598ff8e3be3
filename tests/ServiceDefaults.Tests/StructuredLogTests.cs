using System.Text.Json;

namespace Kiln.ServiceDefaults.Tests;

public sealed class StructuredLogTests : IAsyncLifetime
{
    private const string AdminToken = "planted-admin-token-7Q2x";
    private const string PostgresPassword = "planted-pg-pass-9Zk1";
    private const string BearerValue = "planted-bearer-3Jd8";
    private const string CookieValue = "planted-cookie-5Hs0";
    private const string ApiKey = "sk-planted0123456789abcdef";

    private TestHostProcess _host = null!;

    public async Task InitializeAsync() => _host = await TestHostProcess.StartAsync(new Dictionary<string, string>
    {
        ["Admin__Token"] = AdminToken,
        ["ConnectionStrings__postgres"] = $"Host=127.0.0.1;Port=5433;Username=kiln;Password={PostgresPassword};Database=kiln",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static bool IsFromProgram(string line) => line.Contains("\"category\":\"Program\"", StringComparison.Ordinal);

    [Fact]
    public async Task Planted_secrets_never_reach_the_log()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/log-headers");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {BearerValue}");
        request.Headers.TryAddWithoutValidation("Cookie", $"sid={CookieValue}");
        request.Headers.TryAddWithoutValidation("X-Api-Key", ApiKey);
        request.Headers.Add("X-Request-ID", "secrets-test");
        (await _host.Http.SendAsync(request)).EnsureSuccessStatusCode();
        (await _host.Http.GetAsync($"/log?value={AdminToken}")).EnsureSuccessStatusCode();

        await _host.WaitForLineAsync(l => l.Contains("Connecting with", StringComparison.Ordinal));
        await _host.WaitForLineAsync(l => l.Contains("Caller sent", StringComparison.Ordinal));
        var log = string.Join('\n', _host.Output);
        foreach (var secret in new[] { AdminToken, PostgresPassword, BearerValue, CookieValue, ApiKey })
        {
            Assert.DoesNotContain(secret, log);
        }
        Assert.Contains("[REDACTED]", log);
    }

    [Fact]
    public async Task Each_line_is_one_json_object_with_the_request_id_as_correlation_id()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/log?value=hello-structured");
        request.Headers.Add("X-Request-ID", "corr-123");
        (await _host.Http.SendAsync(request)).EnsureSuccessStatusCode();

        var line = await _host.WaitForLineAsync(l => IsFromProgram(l) && l.Contains("hello-structured", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("timestamp").GetString(), out _));
        Assert.Equal("Information", root.GetProperty("level").GetString());
        Assert.Equal("Program", root.GetProperty("category").GetString());
        Assert.Equal("Caller sent hello-structured", root.GetProperty("message").GetString());
        Assert.Equal("corr-123", root.GetProperty("correlationId").GetString());
        Assert.Equal(32, root.GetProperty("traceId").GetString()!.Length);
        Assert.Equal("hello-structured", root.GetProperty("fields").GetProperty("Value").GetString());

        foreach (var other in _host.Output.Where(l => l.StartsWith('{')))
        {
            using var _ = JsonDocument.Parse(other);
        }
    }

    [Fact]
    public async Task Long_values_are_truncated_with_a_marker()
    {
        var value = "long" + new string('z', 3_000);
        (await _host.Http.GetAsync($"/log?value={value}")).EnsureSuccessStatusCode();

        var line = await _host.WaitForLineAsync(l => IsFromProgram(l) && l.Contains("longzzz", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line);
        var logged = json.RootElement.GetProperty("fields").GetProperty("Value").GetString()!;
        Assert.EndsWith("…[truncated, 3004 chars]", logged);
        Assert.True(logged.Length < 1_100);
    }
}
