using Kiln.Contracts;

namespace Kiln.Inference.Generation;

/// <summary>A generation that could not be served; <see cref="Kind"/> tells the caller whether to fix, retry or back off.</summary>
public sealed class GenerationException(GenerationFailureKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public GenerationFailureKind Kind { get; } = kind;
}
