using Kiln.Contracts;

namespace Kiln.Inference.Generation;

/// <summary>One generation for <see cref="InferenceEngine.GenerateAsync"/>: a raw prompt or chat messages.</summary>
public sealed record GenerationRequest
{
    /// <summary>Used as is (tokenized with BOS when the model wants it); exclusive with <see cref="Messages"/>.</summary>
    public string? Prompt { get; init; }

    /// <summary>Formatted with the model's chat template, or the fallback when it has none.</summary>
    public IReadOnlyList<ChatMessage>? Messages { get; init; }

    public SamplingParameters Sampling { get; init; } = new();

    /// <summary>Gets the text while it is generated; null when only the final result is wanted.</summary>
    public IGeneratedTextSink? Stream { get; init; }
}
