using Kiln.Contracts;

namespace Kiln.Api.Generation;

/// <summary>What differs on the wire between chat and text completions: the bodies and stream chunks.</summary>
public interface ICompletionFormat
{
    /// <summary>The field a prompt-too-long failure is about ("messages" or "prompt").</summary>
    string PromptParam { get; }

    /// <summary>The whole answer of a non-streaming request.</summary>
    object Final(TextGenerated result);

    /// <summary>The first stream event (chat: the assistant role), or null when the format has none.</summary>
    object? Start();

    object Delta(string text);

    object Finish(string finishReason);

    object UsageChunk(Usage usage);
}

/// <summary>OpenAI's names for why generation ended.</summary>
public static class FinishReasons
{
    public static string Of(FinishReason reason) => reason switch
    {
        FinishReason.Length => "length",
        _ => "stop",
    };
}
