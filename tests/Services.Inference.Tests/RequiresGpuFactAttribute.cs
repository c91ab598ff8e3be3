namespace Kiln.Inference.Tests;

/// <summary>A fact that is skipped, saying why, on machines without an NVIDIA GPU and driver.</summary>
public sealed class RequiresGpuFactAttribute : FactAttribute
{
    public RequiresGpuFactAttribute()
    {
        if (!File.Exists("/proc/driver/nvidia/version")) Skip = "No NVIDIA GPU or driver on this machine (/proc/driver/nvidia/version is absent).";
    }
}
