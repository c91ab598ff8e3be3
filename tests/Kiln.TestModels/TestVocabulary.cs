namespace Kiln.TestModels;

/// <summary>
/// A SentencePiece-style ("llama") vocabulary that llama.cpp's own tokenizer runs on: &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;, the
/// 256 byte-fallback tokens, printable ASCII, "é", and English words with every prefix as merge steps.
/// Characters outside it (CJK, emoji) tokenize to byte tokens, which split one character over several tokens.
/// </summary>
public sealed class TestVocabulary
{
    /// <summary>SentencePiece's word-boundary mark, which stands for a space.</summary>
    public const string SpaceMark = "\u2581";

    /// <summary>Token type values of <c>enum llama_token_type</c>.</summary>
    public const int Normal = 1, Unknown = 2, Control = 3, Byte = 6;

    private static readonly string[] Words =
    [
        "the", "a", "an", "and", "or", "but", "once", "upon", "time", "there", "was", "were", "is", "are", "be",
        "little", "big", "small", "girl", "boy", "dog", "cat", "bird", "tree", "park", "ball", "red", "blue", "green",
        "happy", "sad", "day", "night", "sun", "moon", "play", "played", "playing", "run", "ran", "see", "saw", "look",
        "she", "he", "they", "it", "we", "you", "i", "her", "his", "their", "my", "your", "to", "of", "in", "on", "at",
        "with", "for", "from", "up", "down", "out", "into", "over", "under", "after", "before", "then", "when", "said",
        "mom", "dad", "friend", "friends", "home", "house", "water", "food", "loved", "love", "liked", "like", "want",
        "wanted", "go", "went", "come", "came", "very", "so", "too", "not", "no", "yes", "all", "one", "two", "three",
        "named", "name", "lily", "tom", "ben", "sue", "hello", "world", "kiln", "model", "token", "test", "text",
        "user", "assistant", "system", "question", "answer", "story", "tell", "told", "what", "why", "how", "who",
        "good", "bad", "new", "old", "fast", "slow", "hot", "cold", "made", "make", "find", "found", "help", "helped",
        "café", "naïve",
    ];

    private TestVocabulary(List<string> tokens, List<float> scores, List<int> types)
    {
        Tokens = tokens;
        Scores = scores;
        TokenTypes = types;
    }

    /// <summary>Token pieces; the id of a token is its index.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Merge priorities: llama.cpp's SPM tokenizer merges the pair whose result scores highest first.</summary>
    public IReadOnlyList<float> Scores { get; }

    /// <summary>One of <see cref="Normal"/>, <see cref="Unknown"/>, <see cref="Control"/>, <see cref="Byte"/> per token.</summary>
    public IReadOnlyList<int> TokenTypes { get; }

    /// <summary>Id of &lt;unk&gt;.</summary>
    public const int UnknownId = 0;

    /// <summary>Id of &lt;s&gt; (beginning of sequence).</summary>
    public const int BosId = 1;

    /// <summary>Id of &lt;/s&gt; (end of sequence, ends generation).</summary>
    public const int EosId = 2;

    /// <summary>
    /// The built-in vocabulary; <paramref name="padToSize"/> appends unused filler pieces so that the
    /// embedding and output matrices have a realistic size (e.g. 32000) for speed measurements.
    /// </summary>
    public static TestVocabulary Create(int? padToSize = null)
    {
        var tokens = new List<string> { "<unk>", "<s>", "</s>" };
        var types = new List<int> { Unknown, Control, Control };
        var scores = new List<float> { 0, 0, 0 };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add($"<0x{b:X2}>");
            types.Add(Byte);
            scores.Add(0);
        }

        var pieces = new List<string> { SpaceMark };
        for (var c = 33; c < 127; c++) pieces.Add(((char)c).ToString());
        pieces.Add("é");
        pieces.Add("ï");
        foreach (var word in Words.SelectMany(w => new[] { w, char.ToUpperInvariant(w[0]) + w[1..] }))
        {
            var marked = SpaceMark + word;
            for (var length = 2; length <= marked.Length; length++) pieces.Add(marked[..length]);
        }
        foreach (var piece in pieces.Distinct(StringComparer.Ordinal))
        {
            tokens.Add(piece);
            types.Add(Normal);
            // Longer pieces win, so a word becomes one token when it can.
            scores.Add(piece.Length);
        }

        for (var filler = 0; padToSize is { } size && tokens.Count < size; filler++)
        {
            tokens.Add($"{SpaceMark}filler{filler}");
            types.Add(Normal);
            scores.Add(-1);
        }
        return new TestVocabulary(tokens, scores, types);
    }
}
