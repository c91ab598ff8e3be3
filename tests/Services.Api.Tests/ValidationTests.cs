using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Kiln.Api.Tests;

[Collection(ApiSystemCollection.Name)]
public sealed class ValidationTests(ApiSystemFixture system)
{
    private const string Hi = """[{"role":"user","content":"hi"}]""";
    private static readonly Uri Chat = new("v1/chat/completions", UriKind.Relative);

    public static TheoryData<string, string?> InvalidBodies => new()
    {
        { "{not json", null },
        { "[]", null },
        { """{"messages":""" + Hi + "}", "model" },
        { """{"model":"kiln-test"}""", "messages" },
        { """{"model":"kiln-test","messages":[]}""", "messages" },
        { """{"model":"kiln-test","messages":"hi"}""", "messages" },
        { """{"model":"kiln-test","messages":[{"role":"wizard","content":"hi"}]}""", "messages[0].role" },
        { """{"model":"kiln-test","messages":[{"content":"hi"}]}""", "messages[0].role" },
        { """{"model":"kiln-test","messages":[{"role":"user"}]}""", "messages[0].content" },
        { """{"model":"kiln-test","messages":[{"role":"user","content":123}]}""", "messages[0].content" },
        { """{"model":"kiln-test","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}""", "messages[0].content" },
        { """{"model":"gpt-4","messages":""" + Hi + "}", "model" },
        { """{"model":42,"messages":""" + Hi + "}", "model" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","temperature":"hot"}""", "temperature" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","temperature":2.5}""", "temperature" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","temperature":-0.1}""", "temperature" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","top_p":1.5}""", "top_p" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","top_k":-1}""", "top_k" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","min_p":2}""", "min_p" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","presence_penalty":-3}""", "presence_penalty" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","frequency_penalty":2.5}""", "frequency_penalty" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","seed":-1}""", "seed" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","max_tokens":0}""", "max_tokens" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","max_tokens":1.5}""", "max_tokens" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","max_tokens":100000}""", "max_tokens" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","max_completion_tokens":5000}""", "max_completion_tokens" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","n":2}""", "n" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","stop":42}""", "stop" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","stop":["a","b","c","d","e"]}""", "stop" },
        { """{"model":"kiln-test","messages":""" + Hi + ""","stream":"yes"}""", "stream" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_body_gives_400_naming_the_field(string body, string? param)
    {
        await using var api = await system.StartApiAsync();
        using var client = api.CreateClient((await ApiKeysClient.CreateKeyAsync(api)).Key);

        using var response = await client.PostAsync(Chat, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await KeysTests.ErrorOf(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.DoesNotContain("System.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Text_that_looks_like_SQL_or_HTML_is_just_content()
    {
        await using var api = await system.StartApiAsync();
        using var client = api.CreateClient((await ApiKeysClient.CreateKeyAsync(api)).Key);
        var body = """{"model":"kiln-test","max_tokens":2,"messages":[{"role":"user","content":"'; DROP TABLE api.api_keys; -- <script>alert(1)</script>"}]}""";

        using var response = await client.PostAsync(Chat, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var again = await client.PostAsync(Chat, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Body_over_the_limit_gives_413(bool announcesLength)
    {
        await using var api = await system.StartApiAsync(new Dictionary<string, string?> { ["Api:MaxRequestBodyBytes"] = "2048" });
        using var client = api.CreateClient((await ApiKeysClient.CreateKeyAsync(api)).Key);
        var body = Encoding.UTF8.GetBytes($$"""{"model":"kiln-test","messages":[{"role":"user","content":"{{new string('a', 4096)}}"}]}""");
        HttpContent content = announcesLength ? new ByteArrayContent(body) : new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (!announcesLength) content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, Chat) { Content = content };
        if (!announcesLength) request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", (await KeysTests.ErrorOf(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_key_limited_to_other_models_gives_403()
    {
        await using var api = await system.StartApiAsync();
        var key = await ApiKeysClient.CreateKeyAsync(api, "limited-models", allowedModels: "some-other-model");
        using var client = api.CreateClient(key.Key);

        using var response = await client.PostAsync(Chat, new StringContent(
            """{"model":"kiln-test","max_tokens":2,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = await KeysTests.ErrorOf(response);
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Equal("model_not_allowed", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unknown_route_and_wrong_method_under_v1_answer_in_OpenAI_format()
    {
        await using var api = await system.StartApiAsync();
        using var client = api.CreateClient((await ApiKeysClient.CreateKeyAsync(api)).Key);

        using var unknown = await client.GetAsync(new Uri("v1/no/such/route", UriKind.Relative));
        using var wrongMethod = await client.GetAsync(Chat);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("unknown_url", (await KeysTests.ErrorOf(unknown)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("invalid_request_error", (await KeysTests.ErrorOf(wrongMethod)).GetProperty("type").GetString());
        Assert.True(unknown.Headers.Contains("X-Process-Time"));
    }
}
