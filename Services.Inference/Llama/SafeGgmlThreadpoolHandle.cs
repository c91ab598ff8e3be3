using System.Runtime.InteropServices;

namespace Kiln.Inference.Llama;

/// <summary>
/// Owns a ggml CPU threadpool. Without one, ggml starts and joins its worker threads on every decode call,
/// which costs a tenth of a millisecond per step on small models.
/// </summary>
public sealed unsafe class SafeGgmlThreadpoolHandle : SafeHandle
{
    private delegate* unmanaged[Cdecl]<nint, void> _free;

    public SafeGgmlThreadpoolHandle() : base(nint.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>A pool of <paramref name="threads"/> threads from the CPU backend, or null when the backend exposes none.</summary>
    internal static SafeGgmlThreadpoolHandle? Create(int threads)
    {
        var cpu = GgmlNative.ggml_backend_dev_by_type(GgmlBackendDeviceType.Cpu);
        if (cpu == nint.Zero) return null;
        var registry = GgmlNative.ggml_backend_dev_backend_reg(cpu);
        var create = (delegate* unmanaged[Cdecl]<GgmlThreadpoolParams*, nint>)GgmlNative.ggml_backend_reg_get_proc_address(registry, "ggml_threadpool_new");
        var free = (delegate* unmanaged[Cdecl]<nint, void>)GgmlNative.ggml_backend_reg_get_proc_address(registry, "ggml_threadpool_free");
        if (create is null || free is null) return null;

        var parameters = GgmlNative.ggml_threadpool_params_default(threads);
        var pool = new SafeGgmlThreadpoolHandle { _free = free };
        pool.SetHandle(create(&parameters));
        return pool.IsInvalid ? null : pool;
    }

    protected override bool ReleaseHandle()
    {
        _free(handle);
        return true;
    }
}
