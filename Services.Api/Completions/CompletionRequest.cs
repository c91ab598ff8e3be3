using System.Text.Json.Serialization;
using Kiln.Api.Validation;

namespace Kiln.Api.Completions;

/// <summary>The body of POST /v1/completions: a raw prompt, used as is (one prompt per request).</summary>
public sealed class CompletionRequest : SamplingFields
{
    [JsonPropertyName("prompt"), JsonConverter(typeof(StringOrArrayConverter))] public IReadOnlyList<string>? Prompt { get; init; }
}
