using System.Runtime.InteropServices;

namespace Kiln.Inference.Llama;

/// <summary><c>struct ggml_threadpool_params</c>; fill it with <c>ggml_threadpool_params_default</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct GgmlThreadpoolParams
{
    public const int MaxThreads = 512;

    public fixed byte Cpumask[MaxThreads];
    public int NThreads;
    public int Prio;
    public uint Poll;
    public NativeBool StrictCpu;
    public NativeBool Paused;
}
