using System.Runtime.InteropServices;
using System.Text;

namespace Kiln.Inference.Llama;

/// <summary>A loaded GGUF model: its vocabulary, tokenizer, chat template and metadata.</summary>
public sealed unsafe class LlamaModel : IDisposable
{
    private LlamaModel(SafeLlamaModelHandle handle, string path)
    {
        Handle = handle;
        Path = path;
        Vocab = LlamaNative.llama_model_get_vocab(handle);
        VocabSize = LlamaNative.llama_vocab_n_tokens(Vocab);
        _endOfGenerationTokens = new Lazy<int[]>(() => Enumerable.Range(0, VocabSize).Where(IsEndOfGeneration).ToArray());
    }

    public SafeLlamaModelHandle Handle { get; }
    public string Path { get; }
    public int VocabSize { get; }

    private readonly Lazy<int[]> _endOfGenerationTokens;

    /// <summary>
    /// Every token that ends a generation (EOS, EOT and the like), as llama.cpp's vocabulary marks them; found by a
    /// scan of the whole vocabulary on first use, so loading pays nothing for it.
    /// </summary>
    public IReadOnlyList<int> EndOfGenerationTokens => _endOfGenerationTokens.Value;

    // Owned by the model: only used while Handle is alive, which the engine guarantees by disposing it last.
    internal nint Vocab { get; }

    /// <summary>Loads <paramref name="path"/>, explaining a missing, foreign or damaged file in the exception.</summary>
    public static LlamaModel Load(string path, int gpuLayers)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new LlamaLoadException("No model configured: set Inference:ModelPath to a GGUF file.");
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new LlamaLoadException($"Model file not found: {fullPath} (Inference:ModelPath).");
        CheckMagic(fullPath);

        var parameters = LlamaNative.llama_model_default_params();
        parameters.NGpuLayers = gpuLayers;
        LlamaLog.TakeLastError();
        var handle = SafeLlamaModelHandle.LoadFromFile(fullPath, parameters)
            ?? throw new LlamaLoadException($"llama.cpp could not load {fullPath}: {LlamaLog.TakeLastError() ?? "no reason logged"}.");
        return new LlamaModel(handle, fullPath);
    }

    private static void CheckMagic(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var file = File.OpenRead(path);
        if (file.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !magic.SequenceEqual("GGUF"u8))
            throw new LlamaLoadException($"{path} is not a GGUF model file (it does not start with the GGUF magic).");
    }

    public int TrainedContextLength => LlamaNative.llama_model_n_ctx_train(Handle);
    public int LayerCount => LlamaNative.llama_model_n_layer(Handle);
    public ulong ParameterCount => LlamaNative.llama_model_n_params(Handle);
    public ulong SizeBytes => LlamaNative.llama_model_size(Handle);
    public bool IsDecoderOnly => LlamaNative.llama_model_has_decoder(Handle) && !LlamaNative.llama_model_has_encoder(Handle);

    /// <summary>The quantisation, e.g. "F16" or "Q8_0".</summary>
    public string FileType
    {
        get
        {
            var name = Marshal.PtrToStringUTF8((nint)LlamaNative.llama_ftype_name(LlamaNative.llama_model_ftype(Handle))) ?? "unknown";
            // llama.cpp says "all F32" for unquantised files and e.g. "Q4_K - Medium" for mixes.
            if (name.StartsWith("(guessed) ", StringComparison.Ordinal)) name = name["(guessed) ".Length..];
            return name.StartsWith("all ", StringComparison.Ordinal) ? name["all ".Length..] : name;
        }
    }

    /// <summary>llama.cpp's one-line description, e.g. "llama 7B Q8_0".</summary>
    public string Description
    {
        get
        {
            Span<byte> buffer = stackalloc byte[256];
            fixed (byte* b = buffer)
            {
                var length = LlamaNative.llama_model_desc(Handle, b, (nuint)buffer.Length);
                return length > 0 ? Encoding.UTF8.GetString(buffer[..Math.Min(length, buffer.Length - 1)]) : "";
            }
        }
    }

    /// <summary>A scalar metadata value as text, or null when the key is absent.</summary>
    public string? Metadata(string key)
    {
        var buffer = new byte[1024];
        fixed (byte* b = buffer)
        {
            var length = LlamaNative.llama_model_meta_val_str(Handle, key, b, (nuint)buffer.Length);
            if (length < 0) return null;
            if (length >= buffer.Length)
            {
                buffer = new byte[length + 1];
                fixed (byte* larger = buffer) LlamaNative.llama_model_meta_val_str(Handle, key, larger, (nuint)buffer.Length);
            }
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
    }

    /// <summary>The chat template stored in the GGUF (<c>tokenizer.chat_template</c>), or null.</summary>
    public string? ChatTemplate => Marshal.PtrToStringUTF8((nint)LlamaNative.llama_model_chat_template(Handle, null));

    public bool IsEndOfGeneration(int token) => LlamaNative.llama_vocab_is_eog(Vocab, token);

    /// <summary>Tokenizes UTF-8 text; <paramref name="addSpecial"/> adds BOS when the model wants it.</summary>
    public int[] Tokenize(string text, bool addSpecial, bool parseSpecial)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var tokens = new int[utf8.Length + 8];
        fixed (byte* t = utf8)
        {
            while (true)
            {
                int count;
                fixed (int* output = tokens)
                    count = LlamaNative.llama_tokenize(Vocab, t, utf8.Length, output, tokens.Length, addSpecial, parseSpecial);
                if (count >= 0) return tokens[..count];
                if (count == int.MinValue) throw new ArgumentException("The text is too long to tokenize.", nameof(text));
                tokens = new int[-count];
            }
        }
    }

    /// <summary>Writes the UTF-8 bytes of one token into <paramref name="destination"/>; returns how many, or minus the size needed.</summary>
    public int TokenToPiece(int token, Span<byte> destination)
    {
        fixed (byte* d = destination)
            return LlamaNative.llama_token_to_piece(Vocab, token, d, destination.Length, 0, special: false);
    }

    public void Dispose() => Handle.Dispose();
}
