namespace Kiln.TestModels;

/// <summary>
/// Generates llama-architecture GGUF models with seeded random weights and a real SentencePiece vocabulary:
/// llama.cpp loads, tokenizes and generates with them like with any trained model (the text is gibberish, and it
/// practically never ends by itself: generations run to max_tokens).
/// </summary>
public static class TestModel
{
    /// <summary>Writes a model to <paramref name="path"/>; the same arguments always give the same bytes.</summary>
    /// <param name="path">Destination file, replaced if present.</param>
    /// <param name="shape">Dimensions, e.g. <see cref="TestModelShape.Tiny"/> or <see cref="TestModelShape.Realistic"/>.</param>
    /// <param name="fileType">Encoding of the 2-D weight matrices (norms stay F32, as llama.cpp's converters do).</param>
    /// <param name="seed">Seed of the weights.</param>
    /// <param name="chatTemplate">Stored as <c>tokenizer.chat_template</c> when given.</param>
    /// <param name="name">Stored as <c>general.name</c>.</param>
    /// <param name="endOfSequenceWeight">
    /// Scale of the end-of-sequence token's output row: 0 (the default) and the model practically never ends by itself;
    /// 1 and it ends like any other token is chosen; larger and it ends sooner.
    /// </param>
    public static void Write(string path, TestModelShape shape, TensorType fileType = TensorType.F32, int seed = 1, string? chatTemplate = null, string name = "kiln-test", float endOfSequenceWeight = 0f)
    {
        shape.Validate(fileType);
        var vocabulary = TestVocabulary.Create(shape.VocabularySize);
        var gguf = new GgufWriter()
            .Set("general.architecture", "llama")
            .Set("general.name", name)
            .Set("general.file_type", FileTypeCode(fileType))
            .Set("llama.context_length", (uint)shape.ContextLength)
            .Set("llama.embedding_length", (uint)shape.EmbeddingLength)
            .Set("llama.block_count", (uint)shape.BlockCount)
            .Set("llama.feed_forward_length", (uint)shape.FeedForwardLength)
            .Set("llama.attention.head_count", (uint)shape.HeadCount)
            .Set("llama.attention.head_count_kv", (uint)shape.HeadCountKv)
            .Set("llama.rope.dimension_count", (uint)shape.HeadLength)
            .Set("llama.attention.layer_norm_rms_epsilon", 1e-5f)
            .Set("llama.vocab_size", (uint)vocabulary.Tokens.Count)
            .Set("tokenizer.ggml.model", "llama")
            .Set("tokenizer.ggml.tokens", vocabulary.Tokens)
            .Set("tokenizer.ggml.scores", vocabulary.Scores)
            .Set("tokenizer.ggml.token_type", vocabulary.TokenTypes)
            .Set("tokenizer.ggml.unknown_token_id", (uint)TestVocabulary.UnknownId)
            .Set("tokenizer.ggml.bos_token_id", (uint)TestVocabulary.BosId)
            .Set("tokenizer.ggml.eos_token_id", (uint)TestVocabulary.EosId)
            .Set("tokenizer.ggml.add_bos_token", true)
            .Set("tokenizer.ggml.add_eos_token", false);
        if (chatTemplate is not null) gguf.Set("tokenizer.chat_template", chatTemplate);

        long e = shape.EmbeddingLength, ff = shape.FeedForwardLength, kv = (long)shape.HeadLength * shape.HeadCountKv, vocab = vocabulary.Tokens.Count;
        Matrix(gguf, seed, "token_embd.weight", e, vocab, fileType, 1f);
        for (var block = 0; block < shape.BlockCount; block++)
        {
            var prefix = $"blk.{block}.";
            Norm(gguf, prefix + "attn_norm.weight", e);
            Matrix(gguf, seed, prefix + "attn_q.weight", e, e, fileType);
            Matrix(gguf, seed, prefix + "attn_k.weight", e, kv, fileType);
            Matrix(gguf, seed, prefix + "attn_v.weight", e, kv, fileType);
            Matrix(gguf, seed, prefix + "attn_output.weight", e, e, fileType);
            Norm(gguf, prefix + "ffn_norm.weight", e);
            Matrix(gguf, seed, prefix + "ffn_gate.weight", e, ff, fileType);
            Matrix(gguf, seed, prefix + "ffn_up.weight", e, ff, fileType);
            Matrix(gguf, seed, prefix + "ffn_down.weight", ff, e, fileType);
        }
        Norm(gguf, "output_norm.weight", e);
        // Logits with a spread of about 3 make the next token clear-cut without making the text one repeated token.
        // <unk> and <s> get zero rows, so their logit (0) practically never wins; so does </s> unless asked for:
        // a random model would otherwise end texts at random, and tests and benchmarks want to choose.
        var output = SeededWeights.For(seed, "output.weight");
        var deviation = 3f / MathF.Sqrt(e);
        gguf.AddTensor("output.weight", [e, vocab], fileType, (token, row) =>
        {
            output.Fill(row, deviation);
            if (token == TestVocabulary.EosId) foreach (ref var weight in row) weight *= endOfSequenceWeight;
            else if (token < TestVocabulary.EosId) row.Clear();
        });
        gguf.WriteTo(path);
    }

    private static uint FileTypeCode(TensorType type) => type switch
    {
        TensorType.F32 => 0,
        TensorType.F16 => 1,
        TensorType.Q8_0 => 7,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static void Matrix(GgufWriter gguf, int seed, string name, long rowLength, long rows, TensorType type, float? standardDeviation = null)
    {
        var weights = SeededWeights.For(seed, name);
        var deviation = standardDeviation ?? 1f / MathF.Sqrt(rowLength);
        gguf.AddTensor(name, [rowLength, rows], type, (_, row) => weights.Fill(row, deviation));
    }

    private static void Norm(GgufWriter gguf, string name, long length) =>
        gguf.AddTensor(name, [length], TensorType.F32, (_, row) => row.Fill(1f));
}
