namespace Kiln.Monitoring.Statistics;

/// <summary>Nearest-rank percentiles: the value at rank ceil(p·n), so p95 of 20 samples is the 19th smallest.</summary>
public static class Percentile
{
    public static double? Of(IReadOnlyCollection<double> values, double percent)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
