namespace Kiln.Inference.Llama;

/// <summary>The llama.cpp build this process loaded ("cpu" or "cuda"), from where, and the devices it sees.</summary>
public sealed record LoadedBackend(string Name, string Directory, IReadOnlyList<BackendDevice> Devices, string SystemInfo)
{
    public bool HasGpu => Devices.Any(d => d.Type is GgmlBackendDeviceType.Gpu or GgmlBackendDeviceType.IntegratedGpu);
}

/// <summary>One ggml device, e.g. "CPU" or "CUDA0".</summary>
public sealed record BackendDevice(string Name, string Description, GgmlBackendDeviceType Type, long MemoryFreeBytes, long MemoryTotalBytes);
