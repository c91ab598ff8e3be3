namespace Kiln.Monitoring.Statistics;

/// <summary>
/// Timestamped samples kept for <see cref="MaxAge"/>, bounded in count so a flood cannot exhaust memory
/// (the oldest go first). Thread-safe; samples are stamped by the caller's clock.
/// </summary>
public sealed class SlidingWindow<T>(TimeSpan maxAge, int maxCount)
{
    private readonly Queue<(DateTimeOffset At, T Value)> samples = new();
    private readonly Lock gate = new();

    public TimeSpan MaxAge { get; } = maxAge;

    public void Add(DateTimeOffset at, T value)
    {
        lock (gate)
        {
            samples.Enqueue((at, value));
            while (samples.Count > maxCount) samples.Dequeue();
            Prune(at);
        }
    }

    /// <summary>Samples stamped after <paramref name="from"/> (exclusive) up to <paramref name="now"/>.</summary>
    public List<T> Since(DateTimeOffset from, DateTimeOffset now)
    {
        lock (gate)
        {
            Prune(now);
            return samples.Where(s => s.At > from && s.At <= now).Select(s => s.Value).ToList();
        }
    }

    private void Prune(DateTimeOffset now)
    {
        while (samples.Count > 0 && now - samples.Peek().At > MaxAge) samples.Dequeue();
    }
}
