using System.Net;
using System.Text;
using System.Text.Json;

namespace Kiln.Api.Tests;

[Collection(ApiSystemCollection.Name)]
public sealed class CompletionsTests(ApiSystemFixture system)
{
    private static readonly Uri Completions = new("v1/completions", UriKind.Relative);

    [Fact]
    public async Task Completion_answers_with_text_and_usage()
    {
        await using var api = await system.StartApiAsync();
        using var client = api.CreateClient((await ApiKeysClient.CreateKeyAsync(api)).Key);

        using var response = await client.PostAsync(Completions, Json("""{"model":"kiln-test","prompt":"Once upon a time","max_tokens":6,"temperature":0}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal("text_completion", root.GetProperty("object").GetString());
        Assert.StartsWith("cmpl-", root.GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("choices")[0].GetProperty("text").GetString()));
        Assert.Equal("length", root.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(6, root.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Streamed_completion_ends_with_DONE_and_adds_up_to_the_text()
    {
        await using var api = await system.StartApiAsync();
        using var client = api.CreateClient((await ApiKeysClient.CreateKeyAsync(api)).Key);
        const string Request = """{"model":"kiln-test","prompt":"Once upon a time","max_tokens":30,"temperature":0,"stream":STREAM}""";

        using var streamed = await client.PostAsync(Completions, Json(Request.Replace("STREAM", "true")));
        var events = await StreamingTests.ReadEventsAsync(streamed, CancellationToken.None);
        using var whole = await client.PostAsync(Completions, Json(Request.Replace("STREAM", "false")));
        using var answer = JsonDocument.Parse(await whole.Content.ReadAsStringAsync());

        Assert.Equal("[DONE]", events[^1]);
        var choices = events[..^1].Select(e => JsonDocument.Parse(e).RootElement.GetProperty("choices")).Where(c => c.GetArrayLength() > 0).Select(c => c[0]).ToList();
        Assert.Equal(answer.RootElement.GetProperty("choices")[0].GetProperty("text").GetString(), string.Concat(choices.Select(c => c.GetProperty("text").GetString())));
        Assert.Equal("length", choices[^1].GetProperty("finish_reason").GetString());
    }

    [Theory]
    [InlineData("""{"model":"kiln-test"}""", "prompt")]
    [InlineData("""{"model":"kiln-test","prompt":["a","b"]}""", "prompt")]
    [InlineData("""{"model":"kiln-test","prompt":{"text":"a"}}""", "prompt")]
    [InlineData("""{"model":"kiln-test","prompt":"a","top_p":-1}""", "top_p")]
    public async Task Invalid_completion_body_gives_400_naming_the_field(string body, string param)
    {
        await using var api = await system.StartApiAsync();
        using var client = api.CreateClient((await ApiKeysClient.CreateKeyAsync(api)).Key);

        using var response = await client.PostAsync(Completions, Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (await KeysTests.ErrorOf(response)).GetProperty("param").GetString());
    }

    [Fact]
    public async Task Api_root_tells_name_version_and_capabilities()
    {
        await using var api = await system.StartApiAsync();
        using var client = api.CreateClient();

        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri("api", UriKind.Relative)));

        Assert.Equal("Kiln API", body.RootElement.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("version").GetString()));
        Assert.Contains(body.RootElement.GetProperty("capabilities").EnumerateArray(), c => c.GetString() == "chat.completions");
    }

    [Fact]
    public async Task OpenAPI_document_and_reference_are_served_in_Development_only()
    {
        await using var development = await system.StartApiAsync(new Dictionary<string, string?> { ["environment"] = "Development" });
        await using var testing = await system.StartApiAsync();
        using var devClient = development.CreateClient();
        using var testClient = testing.CreateClient();

        var document = await devClient.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative));
        using var reference = await devClient.GetAsync(new Uri("scalar", UriKind.Relative));
        using var hidden = await testClient.GetAsync(new Uri("openapi/v1.json", UriKind.Relative));

        Assert.Contains("/v1/chat/completions", document);
        Assert.Contains("/v1/completions", document);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
