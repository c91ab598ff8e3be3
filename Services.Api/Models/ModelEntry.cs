using System.Text.Json.Serialization;
using Kiln.Contracts;

namespace Kiln.Api.Models;

/// <summary>One model as OpenAI lists it, plus what Kiln knows about it.</summary>
public sealed record ModelEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("context_length")] int ContextLength,
    [property: JsonPropertyName("trained_context_length")] int TrainedContextLength,
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("parameters")] ulong Parameters,
    [property: JsonPropertyName("file_type")] string FileType,
    [property: JsonPropertyName("size_bytes")] ulong SizeBytes)
{
    [JsonPropertyName("object")] public string Kind => "model";
    [JsonPropertyName("owned_by")] public string OwnedBy => "kiln";

    public static ModelEntry From(ModelDescribed model) => new(
        model.Name, model.LoadedAt.ToUnixTimeSeconds(), model.ContextLength, model.TrainedContextLength,
        model.Architecture, model.ParameterCount, model.FileType, model.SizeBytes);
}

/// <summary>The answer of GET /v1/models.</summary>
public sealed record ModelList([property: JsonPropertyName("data")] IReadOnlyList<ModelEntry> Data)
{
    [JsonPropertyName("object")] public string Kind => "list";
}
