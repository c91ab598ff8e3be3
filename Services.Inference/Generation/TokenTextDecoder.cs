using System.Text;

namespace Kiln.Inference.Generation;

/// <summary>
/// Turns the UTF-8 bytes of successive tokens into text. A character split across tokens (byte-fallback
/// tokens, multi-byte pieces) is held until its last byte arrives instead of becoming U+FFFD.
/// </summary>
internal sealed class TokenTextDecoder
{
    private readonly Decoder _utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();

    public void Append(ReadOnlySpan<byte> piece, GeneratedText output)
    {
        // Each byte yields at most one char, plus the up to three bytes the decoder may still hold.
        var room = output.Reserve(piece.Length + 4);
        _utf8.Convert(piece, room, flush: false, out _, out var chars, out _);
        output.Advance(chars);
    }

    /// <summary>Ends the text: bytes of a character that never completed become U+FFFD.</summary>
    public void Flush(GeneratedText output)
    {
        var room = output.Reserve(4);
        _utf8.Convert(ReadOnlySpan<byte>.Empty, room, flush: true, out _, out var chars, out _);
        output.Advance(chars);
    }

    public void Reset() => _utf8.Reset();
}
