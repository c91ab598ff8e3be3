using Kiln.Contracts;

namespace Kiln.Inference.Generation;

/// <summary>The outcome of one generation: text (stop sequence excluded), why it ended, counts, timings and GPU figures.</summary>
public sealed record GenerationResult(
    string Text,
    FinishReason FinishReason,
    Usage Usage,
    GenerationTimings Timings,
    GpuFigures Gpu);
