using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kiln.Contracts;

namespace Kiln.Monitoring.Tests;

[Collection(MonitoringCollection.Name)]
public sealed class AdminEndpointTests(MonitoringFixture fixture)
{
    [Theory]
    [InlineData("/admin/health")]
    [InlineData("/admin/errors/stats")]
    [InlineData("/admin/alerts")]
    [InlineData("/admin/inference/stats")]
    public async Task Admin_endpoints_refuse_callers_without_the_token(string path)
    {
        using var client = fixture.Monitoring.CreateClient();
        using var anonymous = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-token");
        using var wrong = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Health_lists_every_target_with_status_latency_and_uptime()
    {
        fixture.Service.Ready = true;
        await fixture.Monitoring.Poller.PollOnceAsync(CancellationToken.None);

        using var json = await GetAsync("/admin/health");

        var targets = json.RootElement.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Contains(MonitoringFixture.FlippableName, targets.Keys);
        Assert.Contains("postgres", targets.Keys);
        Assert.Contains("rabbitmq", targets.Keys);
        Assert.DoesNotContain("monitoring", targets.Keys);
        var postgres = targets["postgres"];
        Assert.Equal("Up", postgres.GetProperty("status").GetString());
        Assert.True(postgres.GetProperty("lastLatencyMs").GetDouble() > 0);
        Assert.Equal(1.0, postgres.GetProperty("uptime24h").GetDouble());
        Assert.Equal(1.0, postgres.GetProperty("uptime7d").GetDouble());
    }

    [Fact]
    public async Task Error_stats_count_errors_per_service_category_and_severity()
    {
        const string service = "stats-svc";
        await fixture.Bus.PublishAsync(new ErrorOccurred(service, ErrorCategory.Transient, Severity.Warning, "slow", null, DateTimeOffset.UtcNow));
        await fixture.Bus.PublishAsync(new ErrorOccurred(service, ErrorCategory.Data, Severity.Error, "bad row", null, DateTimeOffset.UtcNow));

        JsonElement minute = default;
        for (var i = 0; i < 250; i++)
        {
            using var json = await GetAsync("/admin/errors/stats");
            minute = json.RootElement.GetProperty("windows")[0].Clone();
            if (minute.GetProperty("byService").TryGetProperty(service, out var count) && count.GetInt32() == 2) break;
            await Task.Delay(20);
        }

        Assert.Equal("1m", minute.GetProperty("window").GetString());
        Assert.Equal(2, minute.GetProperty("byService").GetProperty(service).GetInt32());
        Assert.True(minute.GetProperty("byCategory").GetProperty("Data").GetInt32() >= 1);
        Assert.True(minute.GetProperty("bySeverity").GetProperty("Warning").GetInt32() >= 1);
        Assert.True(minute.TryGetProperty("apiErrorRate", out _));
        Assert.True(minute.TryGetProperty("rateLimited", out _));
    }

    [Fact]
    public async Task Inference_stats_report_throughput_percentiles_and_gpu_memory()
    {
        var gpu = new GpuFigures(true, "Test GPU", 1_000, 2_000, 8_000, 40);
        var generation = AlertRuleTests.Generation(promptMs: 10, generationMs: 90, queueWaitMs: 7) with { Gpu = gpu };
        await fixture.Bus.PublishAsync(generation);

        JsonElement root = default;
        for (var i = 0; i < 250; i++)
        {
            using var json = await GetAsync("/admin/inference/stats");
            root = json.RootElement.Clone();
            if (root.GetProperty("gpu").ValueKind == JsonValueKind.Object) break;
            await Task.Delay(20);
        }

        var minute = root.GetProperty("windows")[0];
        Assert.True(minute.GetProperty("generations").GetInt32() >= 1);
        Assert.True(minute.GetProperty("completionTokensPerSecond").GetDouble() > 0);
        Assert.True(minute.TryGetProperty("latencyP95Ms", out _));
        Assert.True(minute.TryGetProperty("queueWaitP95Ms", out _));
        Assert.Equal(2_000, root.GetProperty("gpu").GetProperty("memoryUsedBytes").GetInt64());
        Assert.Equal(8_000, root.GetProperty("gpu").GetProperty("memoryTotalBytes").GetInt64());
    }

    [Fact]
    public async Task Alerts_list_firing_and_recently_resolved()
    {
        const string service = "admin-alert-svc";
        for (var i = 0; i < 6; i++)
            await fixture.Bus.PublishAsync(new ErrorOccurred(service, ErrorCategory.Model, Severity.Critical, "boom", null, DateTimeOffset.UtcNow));
        for (var i = 0; i < 250; i++)
        {
            await fixture.Monitoring.Evaluator.EvaluateAsync(CancellationToken.None);
            if (fixture.Bus.Received<AlertRaised>(a => a.Service == service).Count > 0) break;
            await Task.Delay(20);
        }

        using (var json = await GetAsync("/admin/alerts"))
            Assert.Contains(json.RootElement.GetProperty("firing").EnumerateArray(), a => a.GetProperty("service").GetString() == service);

        fixture.Monitoring.Time.Advance(TimeSpan.FromSeconds(61));
        await fixture.Monitoring.Evaluator.EvaluateAsync(CancellationToken.None);

        using (var json = await GetAsync("/admin/alerts"))
        {
            Assert.DoesNotContain(json.RootElement.GetProperty("firing").EnumerateArray(), a => a.GetProperty("service").GetString() == service);
            Assert.Contains(json.RootElement.GetProperty("recentlyResolved").EnumerateArray(), a => a.GetProperty("service").GetString() == service);
        }
    }

    private async Task<JsonDocument> GetAsync(string path)
    {
        using var client = fixture.Monitoring.CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Token", MonitoringFixture.AdminToken);
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
