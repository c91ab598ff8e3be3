namespace Kiln.Inference.Generation;

/// <summary>The text of one sequence so far, grown in place so that a token costs no allocation.</summary>
internal sealed class GeneratedText
{
    private char[] _chars = new char[256];

    public int Length { get; private set; }

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

    /// <summary>Room for at least <paramref name="count"/> more characters, to be filled and then <see cref="Advance"/>d.</summary>
    public Span<char> Reserve(int count)
    {
        if (Length + count > _chars.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, Length + count));
        return _chars.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;

    public void Truncate(int length) => Length = Math.Min(Length, length);

    public void Clear() => Length = 0;

    public override string ToString() => new(_chars, 0, Length);
}
