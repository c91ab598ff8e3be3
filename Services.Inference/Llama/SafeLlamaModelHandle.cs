using System.Runtime.InteropServices;

namespace Kiln.Inference.Llama;

/// <summary>Owns a <c>llama_model</c>; freed when the last context built on it is gone.</summary>
public sealed class SafeLlamaModelHandle : SafeHandle
{
    public SafeLlamaModelHandle() : base(nint.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Loads a GGUF file; null when llama.cpp refused it (its log says why).</summary>
    internal static SafeLlamaModelHandle? LoadFromFile(string path, LlamaModelParams parameters)
    {
        var model = new SafeLlamaModelHandle();
        model.SetHandle(LlamaNative.llama_model_load_from_file(path, parameters));
        if (!model.IsInvalid) return model;
        model.SetHandleAsInvalid();
        return null;
    }

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_model_free(handle);
        return true;
    }
}
