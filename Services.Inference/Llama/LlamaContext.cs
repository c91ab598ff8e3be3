namespace Kiln.Inference.Llama;

/// <summary>A llama.cpp context: the KV cache shared by <see cref="Sequences"/> parallel sequences.</summary>
public sealed class LlamaContext : IDisposable
{
    private readonly nint _memory;

    private LlamaContext(SafeLlamaContextHandle handle)
    {
        Handle = handle;
        _memory = LlamaNative.llama_get_memory(handle);
        Sequences = (int)LlamaNative.llama_n_seq_max(handle);
        ContextPerSequence = (int)LlamaNative.llama_n_ctx_seq(handle);
        BatchSize = (int)LlamaNative.llama_n_batch(handle);
    }

    public SafeLlamaContextHandle Handle { get; }
    public int Sequences { get; }

    /// <summary>Positions each sequence may use (llama.cpp rounds the request up to a multiple of 256).</summary>
    public int ContextPerSequence { get; }

    /// <summary>Most tokens one <see cref="Decode"/> may carry.</summary>
    public int BatchSize { get; }

    /// <summary>
    /// One KV stream per sequence (kv_unified off): a sequence's cells never interleave with another's, and
    /// clearing a finished sequence gives its whole stream back at once.
    /// </summary>
    public static LlamaContext Create(LlamaModel model, int sequences, int contextPerSequence, int batchSize, int threads, LlamaFlashAttentionType flashAttention, GgmlType cacheType)
    {
        var parameters = LlamaNative.llama_context_default_params();
        parameters.NSeqMax = (uint)sequences;
        parameters.NCtx = (uint)(contextPerSequence * sequences);
        parameters.NBatch = (uint)batchSize;
        parameters.NUbatch = (uint)batchSize;
        parameters.NThreads = threads;
        parameters.NThreadsBatch = threads;
        parameters.FlashAttnType = flashAttention;
        parameters.KvUnified = false;
        parameters.TypeK = cacheType;
        parameters.TypeV = cacheType;
        parameters.NoPerf = true;
        LlamaLog.TakeLastError();
        var handle = SafeLlamaContextHandle.Create(model.Handle, parameters)
            ?? throw new LlamaLoadException($"llama.cpp could not create a context of {sequences} x {contextPerSequence} tokens: {LlamaLog.TakeLastError() ?? "no reason logged"}.");
        using (var threadpool = SafeGgmlThreadpoolHandle.Create(threads))
        {
            // The context holds its own reference; disposing ours leaves the pool to the context.
            if (threadpool is not null) handle.Attach(threadpool);
        }
        return new LlamaContext(handle);
    }

    /// <summary>Runs the model over the batch: 0 on success, 1 when the KV cache had no room, other values on errors.</summary>
    public int Decode(LlamaBatchHandle batch) => LlamaNative.llama_decode(Handle, batch.Value);

    /// <summary>Frees every KV cell of a sequence at once.</summary>
    public void ClearSequence(int sequence) => LlamaNative.llama_memory_seq_rm(_memory, sequence, -1, -1);

    public void Dispose() => Handle.Dispose();
}
