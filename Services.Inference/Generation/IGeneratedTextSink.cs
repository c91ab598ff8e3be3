namespace Kiln.Inference.Generation;

/// <summary>
/// Receives generated text as it becomes final (stop sequences already held back), on the decode thread:
/// implementations must only copy the text and return.
/// </summary>
public interface IGeneratedTextSink
{
    void OnText(ReadOnlySpan<char> text);
}
