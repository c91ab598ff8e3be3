using System.Runtime.InteropServices;

namespace Kiln.Inference.Llama;

/// <summary>Owns a <c>llama_context</c> and keeps its model alive until the context is freed.</summary>
public sealed class SafeLlamaContextHandle : SafeHandle
{
    private SafeLlamaModelHandle? _model;
    private SafeGgmlThreadpoolHandle? _threadpool;

    public SafeLlamaContextHandle() : base(nint.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Creates a context on <paramref name="model"/>; null when llama.cpp refused (its log says why).</summary>
    internal static SafeLlamaContextHandle? Create(SafeLlamaModelHandle model, LlamaContextParams parameters)
    {
        var context = new SafeLlamaContextHandle();
        var added = false;
        model.DangerousAddRef(ref added);
        context.SetHandle(LlamaNative.llama_init_from_model(model, parameters));
        if (context.IsInvalid)
        {
            model.DangerousRelease();
            context.SetHandleAsInvalid();
            return null;
        }
        context._model = model;
        return context;
    }

    /// <summary>Runs this context's graphs on <paramref name="threadpool"/>, which then lives as long as the context.</summary>
    internal void Attach(SafeGgmlThreadpoolHandle threadpool)
    {
        var added = false;
        threadpool.DangerousAddRef(ref added);
        LlamaNative.llama_attach_threadpool(this, threadpool, threadpool);
        _threadpool = threadpool;
    }

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_free(handle);
        _threadpool?.DangerousRelease();
        _model?.DangerousRelease();
        return true;
    }
}
