using System.Text.Json.Serialization;
using Kiln.Api.Chat;
using Kiln.Api.Generation;
using Kiln.Contracts;

namespace Kiln.Api.Completions;

/// <summary>Text completion bodies and stream chunks (both <c>text_completion</c> objects).</summary>
public sealed class CompletionFormat(string id, long created, string model) : ICompletionFormat
{
    public string PromptParam => "prompt";

    public object Final(TextGenerated result) =>
        new TextCompletion(id, created, result.Model, [new TextChoice(0, result.Text, FinishReasons.Of(result.FinishReason))], UsageBody.From(result.Usage));

    public object? Start() => null;

    public object Delta(string text) => new TextCompletion(id, created, model, [new TextChoice(0, text, null)], null);

    public object Finish(string finishReason) => new TextCompletion(id, created, model, [new TextChoice(0, "", finishReason)], null);

    public object UsageChunk(Usage usage) => new TextCompletion(id, created, model, [], UsageBody.From(usage));
}

public sealed record TextCompletion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<TextChoice> Choices,
    [property: JsonPropertyName("usage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UsageBody? Usage)
{
    [JsonPropertyName("object")] public string Kind => "text_completion";
}

public sealed record TextChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("finish_reason")] string? FinishReason)
{
    [JsonPropertyName("logprobs")] public object? Logprobs => null;
}
