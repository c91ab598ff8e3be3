using System.Runtime.InteropServices;

namespace Kiln.Inference.Llama;

/// <summary><c>struct llama_batch</c>: parallel arrays of <see cref="NTokens"/> entries, allocated by llama.cpp.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct LlamaBatch
{
    public int NTokens;
    public int* Token;
    public float* Embd;
    public int* Pos;
    public int* NSeqId;
    public int** SeqId;
    public sbyte* Logits;
}
