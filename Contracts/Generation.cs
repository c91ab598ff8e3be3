namespace Kiln.Contracts;

/// <summary>Command to the <c>inference</c> queue: generate text for a chat or a raw prompt.</summary>
public sealed record GenerateText
{
    /// <summary>Id of the API request; also the correlation id.</summary>
    public required Guid RequestId { get; init; }
    /// <summary>Id of the API key that asked, when any.</summary>
    public string? KeyId { get; init; }
    /// <summary>Model name requested.</summary>
    public required string Model { get; init; }
    /// <summary>Chat messages; exactly one of <see cref="Messages"/> and <see cref="Prompt"/> is set.</summary>
    public IReadOnlyList<ChatMessage>? Messages { get; init; }
    /// <summary>Raw prompt, used as is.</summary>
    public string? Prompt { get; init; }
    /// <summary>Sampling settings.</summary>
    public SamplingParameters Sampling { get; init; } = new();
    /// <summary>When true, chunks go to <see cref="StreamAddress"/> as <see cref="TokenGenerated"/>.</summary>
    public bool Stream { get; init; }
    /// <summary>Endpoint of the requesting API instance for stream chunks.</summary>
    public Uri? StreamAddress { get; init; }
    /// <summary>After this instant the work is abandoned.</summary>
    public DateTimeOffset? Deadline { get; init; }
}

/// <summary>
/// Final result of a <see cref="GenerateText"/>. Chunks travel on another queue and may arrive after it:
/// a streaming receiver waits for <see cref="StreamChunks"/> chunks (sequence 0 to n-1) before it ends the stream.
/// </summary>
public sealed record TextGenerated(
    Guid RequestId,
    string Model,
    string Text,
    FinishReason FinishReason,
    Usage Usage,
    GenerationTimings Timings,
    int StreamChunks = 0);

/// <summary>A stream chunk: text coalesced over a short interval, sent non-persistent.</summary>
public sealed record TokenGenerated(Guid RequestId, int Sequence, string Text);

/// <summary>Kinds of generation failure, chosen so the API can map them to status codes.</summary>
public enum GenerationFailureKind { Transient, Invalid, Model, Overloaded }

/// <summary>A <see cref="GenerateText"/> that could not be served.</summary>
public sealed record GenerationFailed(Guid RequestId, GenerationFailureKind Kind, string Message);

/// <summary>The client went away or the deadline passed: stop generating.</summary>
public sealed record CancelGeneration(Guid RequestId, string Reason);
