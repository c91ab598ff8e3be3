namespace Kiln.Inference.Generation;

/// <summary>Finds stop sequences in generated text and says how much of it is safe to show before one could begin.</summary>
internal sealed class StopSequences
{
    public static readonly StopSequences None = new([]);

    private readonly string[] _stops;
    private readonly int _longest;

    public StopSequences(IEnumerable<string> stops)
    {
        _stops = stops.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        _longest = _stops.Length == 0 ? 0 : _stops.Max(s => s.Length);
    }

    public bool IsEmpty => _stops.Length == 0;

    /// <summary>Where the earliest stop sequence starts, looking only at matches that end after <paramref name="newFrom"/>; -1 if none.</summary>
    public int Find(ReadOnlySpan<char> text, int newFrom)
    {
        if (_stops.Length == 0) return -1;
        var from = Math.Max(0, newFrom - _longest + 1);
        var window = text[from..];
        var best = -1;
        foreach (var stop in _stops)
        {
            var at = window.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (best < 0 || at < best)) best = at;
        }
        return best < 0 ? -1 : from + best;
    }

    /// <summary>Length of the prefix of <paramref name="text"/> that no stop sequence can still start in.</summary>
    public int SafeLength(ReadOnlySpan<char> text)
    {
        if (_stops.Length == 0) return text.Length;
        for (var start = Math.Max(0, text.Length - _longest + 1); start < text.Length; start++)
        {
            var tail = text[start..];
            foreach (var stop in _stops)
            {
                if (stop.AsSpan().StartsWith(tail, StringComparison.Ordinal)) return start;
            }
        }
        return text.Length;
    }
}
