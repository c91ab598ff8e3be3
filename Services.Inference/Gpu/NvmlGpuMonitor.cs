using System.Runtime.InteropServices;

namespace Kiln.Inference.Gpu;

/// <summary>GPU figures from NVML (<c>libnvidia-ml.so.1</c>, shipped with the NVIDIA driver) for one device.</summary>
public sealed unsafe class NvmlGpuMonitor : IGpuMonitor, IDisposable
{
    private const int Success = 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlMemory { public ulong Total; public ulong Free; public ulong Used; }

    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlUtilization { public uint Gpu; public uint Memory; }

    private readonly nint _library;
    private readonly nint _device;
    private readonly string _name = "";
    private readonly delegate* unmanaged<int> _shutdown;
    private readonly delegate* unmanaged<nint, NvmlMemory*, int> _memoryInfo;
    private readonly delegate* unmanaged<nint, NvmlUtilization*, int> _utilization;
    private int _disposed;

    /// <summary>Opens NVML and device <paramref name="deviceIndex"/>; without them the monitor is simply unavailable.</summary>
    public NvmlGpuMonitor(int deviceIndex = 0, string libraryName = "libnvidia-ml.so.1")
    {
        if (!NativeLibrary.TryLoad(libraryName, out _library))
        {
            UnavailableReason = $"{libraryName} is not installed (no NVIDIA driver)";
            return;
        }
        try
        {
            var init = (delegate* unmanaged<int>)Export("nvmlInit_v2");
            _shutdown = (delegate* unmanaged<int>)Export("nvmlShutdown");
            var count = (delegate* unmanaged<uint*, int>)Export("nvmlDeviceGetCount_v2");
            var byIndex = (delegate* unmanaged<uint, nint*, int>)Export("nvmlDeviceGetHandleByIndex_v2");
            var name = (delegate* unmanaged<nint, byte*, uint, int>)Export("nvmlDeviceGetName");
            _memoryInfo = (delegate* unmanaged<nint, NvmlMemory*, int>)Export("nvmlDeviceGetMemoryInfo");
            _utilization = (delegate* unmanaged<nint, NvmlUtilization*, int>)Export("nvmlDeviceGetUtilizationRates");

            var status = init();
            if (status != Success) throw new InvalidOperationException($"nvmlInit failed with status {status}");
            uint devices = 0;
            if (count(&devices) != Success || devices <= (uint)deviceIndex)
                throw new InvalidOperationException($"NVML sees {devices} GPU(s), device {deviceIndex} is not there");
            nint device;
            status = byIndex((uint)deviceIndex, &device);
            if (status != Success) throw new InvalidOperationException($"nvmlDeviceGetHandleByIndex failed with status {status}");
            _device = device;

            var buffer = stackalloc byte[96];
            _name = name(device, buffer, 96) == Success ? Marshal.PtrToStringUTF8((nint)buffer) ?? "" : $"GPU {deviceIndex}";
            IsAvailable = true;
        }
        catch (Exception e)
        {
            UnavailableReason = e.Message;
            if (_shutdown is not null && _device != 0) _shutdown();
            NativeLibrary.Free(_library);
            _library = 0;
        }
    }

    public bool IsAvailable { get; }

    public string? UnavailableReason { get; }

    public GpuSnapshot? Sample()
    {
        if (!IsAvailable || Volatile.Read(ref _disposed) != 0) return null;
        NvmlMemory memory;
        NvmlUtilization utilization;
        if (_memoryInfo(_device, &memory) != Success) return null;
        var busy = _utilization(_device, &utilization) == Success ? (int)utilization.Gpu : 0;
        return new GpuSnapshot(_name, (long)memory.Used, (long)memory.Total, busy);
    }

    private nint Export(string name) =>
        NativeLibrary.TryGetExport(_library, name, out var address)
            ? address
            : throw new InvalidOperationException($"NVML lacks {name}");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || !IsAvailable) return;
        _shutdown();
        NativeLibrary.Free(_library);
    }
}
