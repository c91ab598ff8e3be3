using Kiln.Contracts;

namespace Kiln.Inference.Generation;

/// <summary>What the decode loop hands back for one sequence.</summary>
internal sealed record SequenceOutcome(
    string Text,
    FinishReason FinishReason,
    int PromptTokens,
    int CompletionTokens,
    GenerationTimings Timings);
