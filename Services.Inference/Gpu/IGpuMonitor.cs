namespace Kiln.Inference.Gpu;

/// <summary>Reads GPU figures; a machine without a GPU or driver reports <see cref="IsAvailable"/> false, never an error.</summary>
public interface IGpuMonitor
{
    bool IsAvailable { get; }

    /// <summary>Why figures are unavailable, for health and logs; null when available.</summary>
    string? UnavailableReason { get; }

    /// <summary>A fresh reading, or null when unavailable.</summary>
    GpuSnapshot? Sample();
}
