using System.Runtime.InteropServices;

namespace Kiln.Inference.Llama;

/// <summary><c>struct llama_model_params</c>; field order and types follow llama.h of the pinned release.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct LlamaModelParams
{
    public nint Devices;
    public nint TensorBuftOverrides;
    public int NGpuLayers;
    public LlamaSplitMode SplitMode;
    public LlamaLoadMode LoadMode;
    public LlamaLazyMode LazyMode;
    public int MainGpu;
    public nint TensorSplit;
    public nint ProgressCallback;
    public nint ProgressCallbackUserData;
    public nint KvOverrides;
    public NativeBool VocabOnly;
    public NativeBool CheckTensors;
    public NativeBool UseExtraBufts;
    public NativeBool NoHost;
    public NativeBool NoAlloc;
    public NativeBool LoadMtp;
}
