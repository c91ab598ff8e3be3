using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Kiln.Api.Tests;

/// <summary>What the chat endpoint tells the request history (the history itself is branch api-limits' work).</summary>
[Collection(ApiSystemCollection.Name)]
public sealed class ChatHistoryTests(ApiSystemFixture system)
{
    [Fact]
    public async Task Chat_request_is_recorded_with_model_tokens_prompt_and_answer()
    {
        await using var api = await system.StartApiAsync();
        var key = await ApiKeysClient.CreateKeyAsync(api);
        using var client = api.CreateClient(key.Key);

        using var ok = await client.SendAsync(StreamingTests.Post(StreamingTests.Body(4, stream: false)));
        using var invalid = await client.SendAsync(StreamingTests.Post("""{"model":"kiln-test","messages":[],"max_tokens":4}"""));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        var rows = await HistoryOfAsync(api, key.Details.Id, expected: 2);
        var done = rows.Single(r => r.GetProperty("statusCode").GetInt32() == 200);
        Assert.Equal(ApiSystemFixture.ModelName, done.GetProperty("model").GetString());
        Assert.Equal(4, done.GetProperty("completionTokens").GetInt32());
        Assert.True(done.GetProperty("promptTokens").GetInt32() > 0);
        Assert.Equal("length", done.GetProperty("finishReason").GetString());
        Assert.Contains("Once upon a time", done.GetProperty("prompt").GetString());
        Assert.False(string.IsNullOrEmpty(done.GetProperty("response").GetString()));
        var refused = rows.Single(r => r.GetProperty("statusCode").GetInt32() == 400);
        Assert.Equal("invalid_request_error", refused.GetProperty("errorType").GetString());
    }

    private static async Task<List<JsonElement>> HistoryOfAsync(ApiInstance api, string keyId, int expected)
    {
        using var admin = api.CreateAdminClient();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var page = JsonDocument.Parse(await admin.GetStringAsync(new Uri($"admin/history?keyId={keyId}", UriKind.Relative)));
            var items = page.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
            if (items.Count >= expected || clock.Elapsed > TimeSpan.FromSeconds(10)) return items;
            await Task.Delay(50);
        }
    }
}
