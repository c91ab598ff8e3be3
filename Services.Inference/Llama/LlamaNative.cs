using System.Runtime.InteropServices;

namespace Kiln.Inference.Llama;

/// <summary>The llama.cpp C API functions Kiln calls, named as in llama.h; handles keep the owners alive.</summary>
internal static unsafe partial class LlamaNative
{
    public const string Library = "llama";

    // Backend and logging

    [LibraryImport(Library)] public static partial void llama_backend_init();
    [LibraryImport(Library)] public static partial void llama_log_set(delegate* unmanaged[Cdecl]<GgmlLogLevel, byte*, void*, void> callback, void* userData);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool llama_supports_gpu_offload();
    [LibraryImport(Library)] public static partial byte* llama_print_system_info();

    // Model

    [LibraryImport(Library)] public static partial LlamaModelParams llama_model_default_params();
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint llama_model_load_from_file(string path, LlamaModelParams parameters);
    [LibraryImport(Library)] public static partial void llama_model_free(nint model);
    [LibraryImport(Library)] public static partial nint llama_model_get_vocab(SafeLlamaModelHandle model);
    [LibraryImport(Library)] public static partial int llama_model_n_ctx_train(SafeLlamaModelHandle model);
    [LibraryImport(Library)] public static partial int llama_model_n_embd(SafeLlamaModelHandle model);
    [LibraryImport(Library)] public static partial int llama_model_n_layer(SafeLlamaModelHandle model);
    [LibraryImport(Library)] public static partial int llama_model_n_head(SafeLlamaModelHandle model);
    [LibraryImport(Library)] public static partial ulong llama_model_n_params(SafeLlamaModelHandle model);
    [LibraryImport(Library)] public static partial ulong llama_model_size(SafeLlamaModelHandle model);
    [LibraryImport(Library)] public static partial int llama_model_ftype(SafeLlamaModelHandle model);
    [LibraryImport(Library)] public static partial byte* llama_ftype_name(int fileType);
    [LibraryImport(Library)] public static partial int llama_model_desc(SafeLlamaModelHandle model, byte* buffer, nuint size);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial int llama_model_meta_val_str(SafeLlamaModelHandle model, string key, byte* buffer, nuint size);
    [LibraryImport(Library)] public static partial byte* llama_model_chat_template(SafeLlamaModelHandle model, byte* name);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool llama_model_has_encoder(SafeLlamaModelHandle model);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool llama_model_has_decoder(SafeLlamaModelHandle model);

    // Context and memory (the KV cache)

    [LibraryImport(Library)] public static partial LlamaContextParams llama_context_default_params();
    [LibraryImport(Library)] public static partial nint llama_init_from_model(SafeLlamaModelHandle model, LlamaContextParams parameters);
    [LibraryImport(Library)] public static partial void llama_free(nint context);
    [LibraryImport(Library)] public static partial void llama_attach_threadpool(SafeLlamaContextHandle context, SafeGgmlThreadpoolHandle threadpool, SafeGgmlThreadpoolHandle batchThreadpool);
    [LibraryImport(Library)] public static partial uint llama_n_ctx(SafeLlamaContextHandle context);
    [LibraryImport(Library)] public static partial uint llama_n_ctx_seq(SafeLlamaContextHandle context);
    [LibraryImport(Library)] public static partial uint llama_n_batch(SafeLlamaContextHandle context);
    [LibraryImport(Library)] public static partial uint llama_n_seq_max(SafeLlamaContextHandle context);
    [LibraryImport(Library)] public static partial nint llama_get_memory(SafeLlamaContextHandle context);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool llama_memory_seq_rm(nint memory, int sequence, int fromPosition, int toPosition);
    [LibraryImport(Library)] public static partial int llama_decode(SafeLlamaContextHandle context, LlamaBatch batch);

    // Batch

    [LibraryImport(Library)] public static partial LlamaBatch llama_batch_init(int capacity, int embeddings, int maxSequencesPerToken);
    [LibraryImport(Library)] public static partial void llama_batch_free(LlamaBatch batch);

    // Vocabulary, tokens and chat templates

    [LibraryImport(Library)] public static partial int llama_vocab_n_tokens(nint vocab);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool llama_vocab_is_eog(nint vocab, int token);
    [LibraryImport(Library)] public static partial int llama_tokenize(nint vocab, byte* text, int textLength, int* tokens, int maxTokens, [MarshalAs(UnmanagedType.U1)] bool addSpecial, [MarshalAs(UnmanagedType.U1)] bool parseSpecial);
    [LibraryImport(Library)] public static partial int llama_token_to_piece(nint vocab, int token, byte* buffer, int length, int leftStrip, [MarshalAs(UnmanagedType.U1)] bool special);
    [LibraryImport(Library)] public static partial int llama_chat_apply_template(byte* template, LlamaChatMessage* messages, nuint count, [MarshalAs(UnmanagedType.U1)] bool addAssistant, byte* buffer, int length);

    // Samplers

    [LibraryImport(Library)] public static partial LlamaSamplerChainParams llama_sampler_chain_default_params();
    [LibraryImport(Library)] public static partial nint llama_sampler_chain_init(LlamaSamplerChainParams parameters);
    [LibraryImport(Library)] public static partial void llama_sampler_chain_add(SafeLlamaSamplerHandle chain, nint sampler);
    [LibraryImport(Library)] public static partial nint llama_sampler_init_greedy();
    [LibraryImport(Library)] public static partial nint llama_sampler_init_dist(uint seed);
    [LibraryImport(Library)] public static partial nint llama_sampler_init_top_k(int k);
    [LibraryImport(Library)] public static partial nint llama_sampler_init_top_p(float p, nuint minKeep);
    [LibraryImport(Library)] public static partial nint llama_sampler_init_min_p(float p, nuint minKeep);
    [LibraryImport(Library)] public static partial nint llama_sampler_init_temp(float temperature);
    [LibraryImport(Library)] public static partial nint llama_sampler_init_penalties(int vocabSize, int lastN, float repeat, float frequency, float presence);
    [LibraryImport(Library)] public static partial nint llama_sampler_init_logit_bias(int vocabSize, int count, LlamaLogitBias* biases);
    [LibraryImport(Library)] public static partial int llama_sampler_sample(SafeLlamaSamplerHandle sampler, SafeLlamaContextHandle context, int index);
    [LibraryImport(Library)] public static partial void llama_sampler_free(nint sampler);
}
