namespace Kiln.Testing.Receivers;

/// <summary>What a test receiver got, in order, with a bounded wait for "N received".</summary>
public sealed class ReceivedLog<T>
{
    private readonly List<T> items = [];

    public int Count { get { lock (items) return items.Count; } }

    public IReadOnlyList<T> Snapshot() { lock (items) return items.ToList(); }

    internal void Add(T item) { lock (items) items.Add(item); }

    internal void Clear() { lock (items) items.Clear(); }

    /// <summary>Waits until at least <paramref name="count"/> items arrived; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync(int count, TimeSpan timeout, string what = "messages")
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var snapshot = Snapshot();
            if (snapshot.Count >= count) return snapshot;
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"expected {count} {what} within {timeout.TotalSeconds:0.#} s, got {snapshot.Count}");
            await Task.Delay(20);
        }
    }
}
