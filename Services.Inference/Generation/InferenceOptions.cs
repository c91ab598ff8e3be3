using System.ComponentModel.DataAnnotations;
using Kiln.Inference.Llama;

namespace Kiln.Inference.Generation;

/// <summary>The engine's settings, bound from "Inference".</summary>
public sealed class InferenceOptions : IValidatableObject
{
    public const string Section = "Inference";

    /// <summary>The GGUF file. Checked when the model loads (a bad path makes the service unready, not crash).</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>Name reported to clients; defaults to the model's <c>general.name</c>, else the file name.</summary>
    public string? ModelName { get; set; }

    /// <summary>Sequences decoded together in one context.</summary>
    [Range(1, 256)] public int Slots { get; set; } = 4;

    /// <summary>Requests that may wait for a slot; more are refused as overloaded.</summary>
    [Range(0, 100_000)] public int QueueCapacity { get; set; } = 16;

    /// <summary>Tokens (prompt plus completion) each slot holds; llama.cpp rounds up to a multiple of 256.</summary>
    [Range(16, 1_048_576)] public int ContextSize { get; set; } = 2048;

    /// <summary>Most tokens one decode step carries (one per generating slot plus prompt chunks).</summary>
    [Range(1, 65_536)] public int BatchSize { get; set; } = 512;

    /// <summary>CPU threads for llama.cpp; 0 means one per core.</summary>
    [Range(0, 1024)] public int Threads { get; set; }

    public BackendPreference Backend { get; set; } = BackendPreference.Auto;

    /// <summary>Layers to offload to the GPU: -1 all, 0 none.</summary>
    [Range(-1, 10_000)] public int GpuLayers { get; set; } = -1;

    public LlamaFlashAttentionType FlashAttention { get; set; } = LlamaFlashAttentionType.Auto;

    /// <summary>Element type of the KV cache: F16 halves its memory, F32 keeps results closest across batch shapes.</summary>
    public GgmlType KvCacheType { get; set; } = GgmlType.F16;

    /// <summary>Completion length when a request names none.</summary>
    [Range(1, 1_048_576)] public int DefaultMaxTokens { get; set; } = 256;

    /// <summary>How long streamed text is gathered before one chunk is sent.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:05")] public TimeSpan StreamInterval { get; set; } = TimeSpan.FromMilliseconds(40);

    /// <summary>A chat template (text or llama.cpp built-in name such as "chatml") used instead of the model's own.</summary>
    public string? ChatTemplate { get; set; }

    /// <summary>Folder holding llama.cpp's <c>cpu/</c> and <c>cuda/</c> builds; defaults to <c>llama/</c> next to the service.</summary>
    public string? NativeLibraryPath { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BatchSize < Slots)
            yield return new ValidationResult("Inference:BatchSize must be at least Inference:Slots: every step decodes one token per slot.", [nameof(BatchSize)]);
    }
}
