using System.Text.Json.Serialization;
using Kiln.Api.Validation;

namespace Kiln.Api.Chat;

/// <summary>The body of POST /v1/chat/completions (the fields Kiln serves; others are ignored).</summary>
public sealed class ChatCompletionRequest : SamplingFields
{
    [JsonPropertyName("messages")] public IReadOnlyList<ChatMessageInput?>? Messages { get; init; }
    [JsonPropertyName("max_completion_tokens")] public int? MaxCompletionTokens { get; init; }

    public override int? RequestedMaxTokens => MaxCompletionTokens ?? MaxTokens;

    public override string MaxTokensParam => MaxCompletionTokens is null ? "max_tokens" : "max_completion_tokens";
}

/// <summary>One message as a client sends it.</summary>
public sealed class ChatMessageInput
{
    [JsonPropertyName("role")] public string? Role { get; init; }
    [JsonPropertyName("content"), JsonConverter(typeof(MessageContentConverter))] public string? Content { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
}
