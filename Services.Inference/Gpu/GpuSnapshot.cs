namespace Kiln.Inference.Gpu;

/// <summary>One reading of a GPU: memory in use and total, and utilisation over NVML's last sample period.</summary>
public sealed record GpuSnapshot(string Name, long MemoryUsedBytes, long MemoryTotalBytes, int UtilizationPercent);
