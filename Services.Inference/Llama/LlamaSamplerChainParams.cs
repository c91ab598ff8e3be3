using System.Runtime.InteropServices;

namespace Kiln.Inference.Llama;

/// <summary><c>struct llama_sampler_chain_params</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct LlamaSamplerChainParams
{
    public NativeBool NoPerf;
}
