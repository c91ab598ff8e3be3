namespace Kiln.TestModels;

/// <summary>The dimensions of a generated llama-architecture model.</summary>
/// <param name="EmbeddingLength">Width of the residual stream; a multiple of 32 for Q8_0.</param>
/// <param name="BlockCount">Transformer blocks.</param>
/// <param name="FeedForwardLength">Hidden width of the SwiGLU feed-forward; a multiple of 32 for Q8_0.</param>
/// <param name="HeadCount">Attention heads; must divide <paramref name="EmbeddingLength"/>.</param>
/// <param name="HeadCountKv">Key/value heads (grouped-query attention); must divide <paramref name="HeadCount"/>.</param>
/// <param name="ContextLength">Trained context length written to the metadata.</param>
/// <param name="VocabularySize">Pad the built-in vocabulary to this many tokens; null keeps it small (about 1,000).</param>
public sealed record TestModelShape(
    int EmbeddingLength,
    int BlockCount,
    int FeedForwardLength,
    int HeadCount,
    int HeadCountKv,
    int ContextLength = 2048,
    int? VocabularySize = null)
{
    /// <summary>A few hundred thousand parameters: loads and generates in milliseconds; for tests.</summary>
    public static TestModelShape Tiny { get; } = new(64, 2, 128, 4, 2);

    /// <summary>About 134M parameters in the shape of a small real model (GPT-2 small: 768 wide, 12 blocks, 32,000 tokens); for benchmarks.</summary>
    public static TestModelShape Realistic { get; } = new(768, 12, 2048, 12, 12, 2048, 32_000);

    /// <summary>Width of one attention head.</summary>
    public int HeadLength => EmbeddingLength / HeadCount;

    /// <summary>Parameters of the model with a vocabulary of <paramref name="vocabularySize"/> tokens.</summary>
    public long ParameterCount(int vocabularySize)
    {
        long e = EmbeddingLength, kv = (long)HeadLength * HeadCountKv, ff = FeedForwardLength;
        var block = 2 * e + 2 * e * e + 2 * e * kv + 3 * e * ff;
        return 2 * e * vocabularySize + e + BlockCount * block;
    }

    internal void Validate(TensorType type)
    {
        if (EmbeddingLength % HeadCount != 0) throw new ArgumentException("HeadCount must divide EmbeddingLength.");
        if (HeadCount % HeadCountKv != 0) throw new ArgumentException("HeadCountKv must divide HeadCount.");
        if (type == TensorType.Q8_0 && (EmbeddingLength % 32 != 0 || FeedForwardLength % 32 != 0))
            throw new ArgumentException("Q8_0 needs EmbeddingLength and FeedForwardLength to be multiples of 32.");
    }
}
