namespace Kiln.Contracts;

/// <summary>One message of a chat conversation (role: system, user, assistant, tool).</summary>
public sealed record ChatMessage(string Role, string Content);

/// <summary>Sampling settings for one generation; null means the engine's default.</summary>
public sealed record SamplingParameters
{
    /// <summary>Upper bound on generated tokens.</summary>
    public int? MaxTokens { get; init; }
    /// <summary>0 means greedy decoding.</summary>
    public float? Temperature { get; init; }
    /// <summary>Nucleus sampling threshold.</summary>
    public float? TopP { get; init; }
    /// <summary>Keep only the K most likely tokens.</summary>
    public int? TopK { get; init; }
    /// <summary>Drop tokens below this fraction of the top token's probability.</summary>
    public float? MinP { get; init; }
    /// <summary>Seed for reproducible sampling.</summary>
    public uint? Seed { get; init; }
    /// <summary>Sequences that end generation; never emitted in the output.</summary>
    public IReadOnlyList<string>? Stop { get; init; }
    /// <summary>Penalty applied to tokens already seen (1 = off).</summary>
    public float? RepetitionPenalty { get; init; }
    /// <summary>OpenAI-style frequency penalty (0 = off).</summary>
    public float? FrequencyPenalty { get; init; }
    /// <summary>OpenAI-style presence penalty (0 = off).</summary>
    public float? PresencePenalty { get; init; }
}

/// <summary>Token counts of one generation.</summary>
public sealed record Usage(int PromptTokens, int CompletionTokens)
{
    /// <summary>Prompt plus completion tokens.</summary>
    public int TotalTokens => PromptTokens + CompletionTokens;
}

/// <summary>Where the time of one generation went.</summary>
public sealed record GenerationTimings(
    double QueueWaitMs,
    double PromptEvalMs,
    double GenerationMs,
    double PromptTokensPerSecond,
    double GenerationTokensPerSecond);

/// <summary>GPU figures around one generation; <see cref="Available"/> is false without NVML.</summary>
public sealed record GpuFigures(
    bool Available,
    string? Name = null,
    long? MemoryUsedBytesBefore = null,
    long? MemoryUsedBytesAfter = null,
    long? MemoryTotalBytes = null,
    int? UtilizationPercent = null);

/// <summary>Why generation ended.</summary>
public enum FinishReason { Stop, Length, Cancelled }
