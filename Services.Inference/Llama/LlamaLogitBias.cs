using System.Runtime.InteropServices;

namespace Kiln.Inference.Llama;

/// <summary><c>struct llama_logit_bias</c>: added to a token's logit before sampling (−∞ bans it).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct LlamaLogitBias
{
    public int Token;
    public float Bias;
}
