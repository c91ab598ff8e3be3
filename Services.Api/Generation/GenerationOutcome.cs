using Kiln.Contracts;

namespace Kiln.Api.Generation;

/// <summary>How a generation ended, as the endpoints need to tell it apart.</summary>
public abstract record GenerationOutcome
{
    private GenerationOutcome() { }

    public sealed record Completed(TextGenerated Result) : GenerationOutcome;

    public sealed record Failed(GenerationFailed Failure) : GenerationOutcome;

    /// <summary>The deadline passed; <see cref="Partial"/> is what inference made until then, when it answered.</summary>
    public sealed record DeadlinePassed(TextGenerated? Partial) : GenerationOutcome;

    public sealed record ClientGone : GenerationOutcome;
}
