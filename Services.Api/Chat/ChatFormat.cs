using System.Text.Json.Serialization;
using Kiln.Api.Generation;
using Kiln.Contracts;

namespace Kiln.Api.Chat;

/// <summary>Chat completion bodies and <c>chat.completion.chunk</c> events.</summary>
public sealed class ChatFormat(string id, long created, string model) : ICompletionFormat
{
    public string PromptParam => "messages";

    public object Final(TextGenerated result) => new ChatCompletion(id, "chat.completion", created, result.Model,
        [new ChatChoice(0, new AssistantMessage("assistant", result.Text), FinishReasons.Of(result.FinishReason))],
        UsageBody.From(result.Usage));

    public object? Start() => Chunk(new ChatDelta("assistant", ""), null);

    public object Delta(string text) => Chunk(new ChatDelta(null, text), null);

    public object Finish(string finishReason) => Chunk(new ChatDelta(null, null), finishReason);

    public object UsageChunk(Usage usage) => new ChatCompletionChunk(id, "chat.completion.chunk", created, model, [], UsageBody.From(usage));

    private ChatCompletionChunk Chunk(ChatDelta delta, string? finishReason) =>
        new(id, "chat.completion.chunk", created, model, [new ChatChunkChoice(0, delta, finishReason)], null);
}

public sealed record ChatCompletion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Kind,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatChoice> Choices,
    [property: JsonPropertyName("usage")] UsageBody Usage);

public sealed record ChatChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("message")] AssistantMessage Message,
    [property: JsonPropertyName("finish_reason")] string FinishReason);

public sealed record AssistantMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content);

public sealed record ChatCompletionChunk(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Kind,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatChunkChoice> Choices,
    [property: JsonPropertyName("usage")] UsageBody? Usage);

public sealed record ChatChunkChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("delta")] ChatDelta Delta,
    [property: JsonPropertyName("finish_reason")] string? FinishReason);

public sealed record ChatDelta(
    [property: JsonPropertyName("role"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonPropertyName("content"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content);

/// <summary>OpenAI's <c>usage</c> object.</summary>
public sealed record UsageBody(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int CompletionTokens,
    [property: JsonPropertyName("total_tokens")] int TotalTokens)
{
    public static UsageBody From(Usage usage) => new(usage.PromptTokens, usage.CompletionTokens, usage.TotalTokens);
}
