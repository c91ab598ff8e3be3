using System.Runtime.InteropServices;

namespace Kiln.Inference.Llama;

/// <summary>Owns one <c>llama_batch</c> allocated by llama.cpp, reused for every decode step.</summary>
public sealed unsafe class LlamaBatchHandle : SafeHandle
{
    private LlamaBatch _batch;

    public LlamaBatchHandle() : base(nint.Zero, ownsHandle: true) { }

    /// <summary>Room for this many tokens in one decode call.</summary>
    public int Capacity { get; private init; }

    public override bool IsInvalid => handle == nint.Zero;

    internal static LlamaBatchHandle Allocate(int capacity)
    {
        var batch = LlamaNative.llama_batch_init(capacity, 0, 1);
        if (batch.Token is null) throw new InvalidOperationException($"llama_batch_init could not allocate {capacity} tokens.");
        var owner = new LlamaBatchHandle { Capacity = capacity, _batch = batch };
        owner.SetHandle((nint)batch.Token);
        return owner;
    }

    /// <summary>Number of tokens added since the last <see cref="Clear"/>.</summary>
    public int Count => _batch.NTokens;

    public void Clear() => _batch.NTokens = 0;

    /// <summary>Adds a token of one sequence; returns its index, which selects its logits after decoding.</summary>
    public int Add(int token, int position, int sequence, bool wantLogits)
    {
        var i = _batch.NTokens;
        if (i >= Capacity) throw new InvalidOperationException($"The batch holds at most {Capacity} tokens.");
        _batch.Token[i] = token;
        _batch.Pos[i] = position;
        _batch.NSeqId[i] = 1;
        _batch.SeqId[i][0] = sequence;
        _batch.Logits[i] = wantLogits ? (sbyte)1 : (sbyte)0;
        _batch.NTokens = i + 1;
        return i;
    }

    /// <summary>The struct to pass to <c>llama_decode</c>; valid while this handle lives.</summary>
    internal LlamaBatch Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return _batch;
        }
    }

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_batch_free(_batch);
        _batch = default;
        return true;
    }
}
