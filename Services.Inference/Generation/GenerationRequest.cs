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

    /// <summary>
    /// Bans end-of-generation tokens so the text runs to max_tokens or a stop sequence, like llama-server's
    /// <c>ignore_eos</c>; for benchmarks and load tests that need a fixed number of tokens.
    /// </summary>
    public bool IgnoreEndOfGeneration { get; init; }

    /// <summary>Gets the text while it is generated; null when only the final result is wanted.</summary>
    public IGeneratedTextSink? Stream { get; init; }
}
