using System.Text;
using Kiln.Inference.Generation;
using Kiln.Inference.Llama;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiln.Inference.Tests;

[Collection(TinyModelCollection.Name)]
public sealed class TextTests(TinyModelFixture model)
{
    [Fact]
    public void Characters_split_across_tokens_come_out_whole()
    {
        var text = new GeneratedText();
        var decoder = new TokenTextDecoder();
        var bytes = Encoding.UTF8.GetBytes("日本 🎉é");
        var seen = new List<string>();
        foreach (var b in bytes)
        {
            var before = text.Length;
            decoder.Append([b], text);
            seen.Add(text.Span[before..].ToString());
        }

        Assert.Equal("日本 🎉é", text.ToString());
        Assert.DoesNotContain(seen, s => s.Contains('\uFFFD', StringComparison.Ordinal));
        Assert.Equal(bytes.Length - 5, seen.Count(s => s.Length == 0));
    }

    [Fact]
    public void A_character_cut_off_at_the_end_becomes_a_replacement_character()
    {
        var text = new GeneratedText();
        var decoder = new TokenTextDecoder();
        decoder.Append("ok"u8, text);
        decoder.Append([0xE6, 0x97], text);
        Assert.Equal("ok", text.ToString());

        decoder.Flush(text);

        Assert.Equal("ok\uFFFD", text.ToString());
    }

    [Fact]
    public void The_model_s_byte_tokens_detokenize_to_the_original_text()
    {
        LlamaLibrary.Load(BackendPreference.Cpu, NullLogger.Instance);
        using var llama = LlamaModel.Load(model.ModelPath, gpuLayers: 0);
        const string original = "Hello 日本語 café 🎉 naïve";
        var tokens = llama.Tokenize(original, addSpecial: false, parseSpecial: false);
        var text = new GeneratedText();
        var decoder = new TokenTextDecoder();
        var piece = new byte[64];

        foreach (var token in tokens) decoder.Append(piece.AsSpan(0, llama.TokenToPiece(token, piece)), text);

        // The CJK characters and the emoji are not in the vocabulary: they arrive as 3 and 4 byte-fallback tokens.
        Assert.True(tokens.Length >= 3 * 3 + 4, $"only {tokens.Length} tokens");
        // SentencePiece marks the start of the text as a word boundary, which reads back as a space.
        Assert.Equal(" " + original, text.ToString());
    }

    [Fact]
    public void Stop_sequences_are_found_and_their_prefixes_held_back()
    {
        var stops = new StopSequences(["</end>", "\n\n"]);

        Assert.Equal(-1, stops.Find("hello </en", 0));
        Assert.Equal("hello ".Length, stops.SafeLength("hello </en"));
        Assert.Equal(6, stops.Find("hello </end> more", 9));
        Assert.Equal(5, stops.Find("line.\n\nnext", 6));
        Assert.Equal("plain text".Length, stops.SafeLength("plain text"));
        Assert.Equal(4, StopSequences.None.SafeLength("text"));
    }
}
