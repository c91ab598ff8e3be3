using System.Runtime.InteropServices;

namespace Kiln.Inference.Llama;

/// <summary><c>struct llama_context_params</c>; field order and types follow llama.h of the pinned release.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct LlamaContextParams
{
    public uint NCtx;
    public uint NBatch;
    public uint NUbatch;
    public uint NSeqMax;
    public uint NRsSeq;
    public uint NOutputsMax;
    public uint NOutputsMaxPerSeq;
    public int NThreads;
    public int NThreadsBatch;
    public LlamaContextType CtxType;
    public LlamaRopeScalingType RopeScalingType;
    public LlamaPoolingType PoolingType;
    public LlamaAttentionType AttentionType;
    public LlamaFlashAttentionType FlashAttnType;
    public float RopeFreqBase;
    public float RopeFreqScale;
    public float YarnExtFactor;
    public float YarnAttnFactor;
    public float YarnBetaFast;
    public float YarnBetaSlow;
    public uint YarnOrigCtx;
    public float DefragThold;
    public nint CbEval;
    public nint CbEvalUserData;
    public GgmlType TypeK;
    public GgmlType TypeV;
    public nint AbortCallback;
    public nint AbortCallbackData;
    public NativeBool Embeddings;
    public NativeBool OffloadKqv;
    public NativeBool NoPerf;
    public NativeBool OpOffload;
    public NativeBool SwaFull;
    public NativeBool KvUnified;
    public nint Samplers;
    public nuint NSamplers;
    public nint CtxOther;
}
