using System.ClientModel;
using System.Text;
using Kiln.Api.Keys;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;

namespace Kiln.Api.Tests;

/// <summary>The official OpenAI .NET SDK, pointed at Kiln, is the client: the wire format must satisfy it.</summary>
[Collection(ApiSystemCollection.Name)]
public sealed class OpenAiSdkTests(ApiSystemFixture system)
{
    [Fact]
    public async Task Chat_completion_answers_with_text_and_usage()
    {
        await using var api = await system.StartApiAsync();
        var key = await ApiKeysClient.CreateKeyAsync(api);
        var chat = new ChatClient(ApiSystemFixture.ModelName, new ApiKeyCredential(key.Key), Options(api));

        ChatCompletion completion = await chat.CompleteChatAsync(
            [new SystemChatMessage("You tell stories."), new UserChatMessage("Once upon a time")],
            new ChatCompletionOptions { MaxOutputTokenCount = 8, Temperature = 0 });

        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.False(string.IsNullOrEmpty(completion.Content[0].Text));
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(8, completion.Usage.OutputTokenCount);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.Equal(ApiSystemFixture.ModelName, completion.Model);
    }

    [Fact]
    public async Task Streaming_chat_completion_adds_up_to_the_text_and_reports_usage()
    {
        await using var api = await system.StartApiAsync();
        var key = await ApiKeysClient.CreateKeyAsync(api);
        var chat = new ChatClient(ApiSystemFixture.ModelName, new ApiKeyCredential(key.Key), Options(api));
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 40, Temperature = 0 };

        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        var updates = 0;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Once upon a time")], options))
        {
            updates++;
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        ChatCompletion whole = await chat.CompleteChatAsync([new UserChatMessage("Once upon a time")], options);
        Assert.Equal(whole.Content[0].Text, text.ToString());
        Assert.Equal(ChatFinishReason.Length, finish);
        Assert.True(updates >= 2);
        if (usage is not null) Assert.Equal(40, usage.OutputTokenCount);
    }

    [Fact]
    public async Task Models_list_shows_the_served_model_and_an_unknown_model_is_not_found()
    {
        await using var api = await system.StartApiAsync();
        var key = await ApiKeysClient.CreateKeyAsync(api);
        var models = new OpenAIModelClient(new ApiKeyCredential(key.Key), Options(api));

        OpenAIModelCollection list = await models.GetModelsAsync();
        OpenAIModel one = await models.GetModelAsync(ApiSystemFixture.ModelName);
        var missing = await Assert.ThrowsAsync<ClientResultException>(() => models.GetModelAsync("no-such-model"));

        Assert.Equal(ApiSystemFixture.ModelName, Assert.Single(list).Id);
        Assert.Equal("kiln", one.OwnedBy);
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task A_wrong_key_raises_the_SDKs_401_exception()
    {
        await using var api = await system.StartApiAsync();
        // An unknown well-formed key is looked up in the key store, which answers 503 until its migration has run.
        await api.WaitUntilReadyAsync();
        var chat = new ChatClient(ApiSystemFixture.ModelName, new ApiKeyCredential(ApiKeyFormat.Format("0123456789abcdef", "00")), Options(api));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(401, error.Status);
        Assert.Contains("Incorrect API key", error.Message);
    }

    internal static OpenAIClientOptions Options(ApiInstance api) => new()
    {
        Endpoint = new Uri(api.Address + "v1"),
        NetworkTimeout = TimeSpan.FromSeconds(30),
        RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0),
    };
}
