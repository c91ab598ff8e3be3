namespace Kiln.TestModels;

/// <summary>Reproducible pseudo-random weights (SplitMix64), the same on every machine and .NET version.</summary>
internal sealed class SeededWeights(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A generator for one tensor, independent of the order tensors are written in.</summary>
    public static SeededWeights For(int seed, string tensorName)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in tensorName) hash = (hash ^ c) * 1099511628211UL;
        return new SeededWeights(hash ^ (ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
    }

    /// <summary>Fills <paramref name="values"/> uniformly with the given standard deviation.</summary>
    public void Fill(Span<float> values, float standardDeviation)
    {
        var half = standardDeviation * MathF.Sqrt(3f);
        for (var i = 0; i < values.Length; i++) values[i] = (NextUnit() * 2f - 1f) * half;
    }

    private float NextUnit()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 40) / (float)(1 << 24);
    }
}
