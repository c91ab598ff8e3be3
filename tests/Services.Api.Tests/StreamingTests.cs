using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Kiln.Contracts;
using Kiln.Inference.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Api.Tests;

[Collection(ApiSystemCollection.Name)]
public sealed class StreamingTests(ApiSystemFixture system)
{
    private static readonly Uri Chat = new("v1/chat/completions", UriKind.Relative);

    [Fact]
    public async Task Stream_ends_with_DONE_and_its_chunks_add_up_to_the_text()
    {
        await using var api = await system.StartApiAsync();
        using var client = api.CreateClient((await ApiKeysClient.CreateKeyAsync(api)).Key);

        using var response = await client.SendAsync(Post(Body(60, stream: true, includeUsage: true)), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await ReadEventsAsync(response, CancellationToken.None);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var text = string.Concat(chunks
            .Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out var content) ? content.GetString() : ""));
        var finish = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("finish_reason")).Last();
        Assert.Equal("length", finish.GetString());
        Assert.Equal(60, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());

        using var whole = await client.SendAsync(Post(Body(60, stream: false)));
        using var answer = JsonDocument.Parse(await whole.Content.ReadAsStringAsync());
        Assert.Equal(answer.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), text);
    }

    [Fact]
    public async Task Client_disconnect_mid_stream_cancels_the_generation_and_frees_the_slot()
    {
        await using var api = await system.StartApiAsync();
        var key = await ApiKeysClient.CreateKeyAsync(api);
        // No draining of an unread response on dispose: the connection must close, as a client going away does.
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = api.Address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Key);
        var requestId = Guid.NewGuid();
        var completed = new TaskCompletionSource<InferenceCompleted>(TaskCreationOptions.RunContinuationsAsynchronously);
        var connector = system.Inference.Services.GetRequiredService<IReceiveEndpointConnector>();
        var observer = connector.ConnectReceiveEndpoint($"test-completed-{Guid.NewGuid():N}", (_, endpoint) =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.AutoDelete = true;
                rabbit.Durable = false;
            }
            endpoint.Handler<InferenceCompleted>(context =>
            {
                if (context.Message.RequestId == requestId) completed.TrySetResult(context.Message);
                return Task.CompletedTask;
            });
        });
        try
        {
            await observer.Ready.WaitAsync(TimeSpan.FromSeconds(10));
            using var request = Post(Body(1000, stream: true));
            request.Headers.Add("X-Request-ID", requestId.ToString("N"));
            using (var abort = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, abort.Token))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(abort.Token));
                var line = await reader.ReadLineAsync(abort.Token);
                Assert.StartsWith("data: ", line);
                await abort.CancelAsync();
            }

            var outcome = await completed.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(outcome.FinishReason == FinishReason.Cancelled, $"{outcome.FinishReason} after {outcome.Usage.CompletionTokens} tokens, {outcome.Timings}");
            Assert.InRange(outcome.Usage.CompletionTokens, 0, 999);
            var engine = system.Inference.Services.GetRequiredService<ModelHost>().Engine!;
            var clock = Stopwatch.StartNew();
            while (engine.Status.BusySlots > 0 && clock.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(10);
            Assert.Equal(0, engine.Status.BusySlots);
        }
        finally
        {
            await observer.StopAsync();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_passed_deadline_gives_504(bool stream)
    {
        await using var api = await system.StartApiAsync(new Dictionary<string, string?> { ["Api:RequestTimeout"] = "00:00:00.050" });
        using var client = api.CreateClient((await ApiKeysClient.CreateKeyAsync(api)).Key);

        using var response = await client.SendAsync(Post(Body(1000, stream)));
        var body = await response.Content.ReadAsStringAsync();

        if (response.StatusCode == HttpStatusCode.OK)
        {
            // The stream had started before the deadline: the error comes as the last event.
            Assert.True(stream, body);
            Assert.Contains("\"timeout_error\"", body);
            Assert.DoesNotContain("[DONE]", body);
            return;
        }
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var error = await KeysTests.ErrorOf(response);
        Assert.Equal("timeout_error", error.GetProperty("type").GetString());
        Assert.Equal("deadline_exceeded", error.GetProperty("code").GetString());
    }

    internal static string Body(int maxTokens, bool stream, bool includeUsage = false) =>
        $$"""{"model":"kiln-test","max_tokens":{{maxTokens}},"temperature":0,"stream":{{(stream ? "true" : "false")}},"stream_options":{"include_usage":{{(includeUsage ? "true" : "false")}}},"messages":[{"role":"user","content":"Once upon a time"}]}""";

    internal static HttpRequestMessage Post(string body) =>
        new(HttpMethod.Post, Chat) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>The <c>data:</c> payloads of a Server-Sent Events response, in order.</summary>
    internal static async Task<List<string>> ReadEventsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var events = new List<string>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        for (var i = 0; i < 100_000 && await reader.ReadLineAsync(cancellationToken) is { } line; i++)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal)) events.Add(line["data: ".Length..]);
        }
        return events;
    }
}
