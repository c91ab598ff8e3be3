using System.Text.Json.Serialization;

namespace Kiln.Api.Validation;

/// <summary>Fields that chat and text completions share: sampling, length, streaming.</summary>
public abstract class SamplingFields
{
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; init; }
    [JsonPropertyName("temperature")] public double? Temperature { get; init; }
    [JsonPropertyName("top_p")] public double? TopP { get; init; }
    [JsonPropertyName("top_k")] public int? TopK { get; init; }
    [JsonPropertyName("min_p")] public double? MinP { get; init; }
    [JsonPropertyName("presence_penalty")] public double? PresencePenalty { get; init; }
    [JsonPropertyName("frequency_penalty")] public double? FrequencyPenalty { get; init; }
    [JsonPropertyName("repetition_penalty")] public double? RepetitionPenalty { get; init; }
    [JsonPropertyName("seed")] public long? Seed { get; init; }
    [JsonPropertyName("stop"), JsonConverter(typeof(StringOrArrayConverter))] public IReadOnlyList<string>? Stop { get; init; }
    [JsonPropertyName("n")] public int? N { get; init; }
    [JsonPropertyName("stream")] public bool? Stream { get; init; }
    [JsonPropertyName("stream_options")] public StreamOptions? StreamOptions { get; init; }
    [JsonPropertyName("user")] public string? User { get; init; }

    /// <summary>The completion length asked for (chat's newer name wins over <c>max_tokens</c>).</summary>
    public virtual int? RequestedMaxTokens => MaxTokens;

    /// <summary>The field name <see cref="RequestedMaxTokens"/> came from.</summary>
    public virtual string MaxTokensParam => "max_tokens";
}

/// <summary><c>stream_options</c>: <c>include_usage</c> adds a final chunk with the token counts.</summary>
public sealed class StreamOptions
{
    [JsonPropertyName("include_usage")] public bool? IncludeUsage { get; init; }
}
