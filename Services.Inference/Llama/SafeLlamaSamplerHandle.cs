using System.Runtime.InteropServices;

namespace Kiln.Inference.Llama;

/// <summary>Owns a <c>llama_sampler</c> chain; the chain frees the samplers added to it.</summary>
public sealed class SafeLlamaSamplerHandle : SafeHandle
{
    public SafeLlamaSamplerHandle() : base(nint.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == nint.Zero;

    internal static SafeLlamaSamplerHandle CreateChain()
    {
        var parameters = LlamaNative.llama_sampler_chain_default_params();
        parameters.NoPerf = true;
        var chain = new SafeLlamaSamplerHandle();
        chain.SetHandle(LlamaNative.llama_sampler_chain_init(parameters));
        if (chain.IsInvalid) throw new InvalidOperationException("llama_sampler_chain_init returned NULL.");
        return chain;
    }

    /// <summary>Adds a sampler made by one of the <c>llama_sampler_init_*</c> functions; the chain takes ownership.</summary>
    internal void Add(nint sampler)
    {
        if (sampler == nint.Zero) throw new InvalidOperationException("A llama_sampler_init_* function returned NULL.");
        LlamaNative.llama_sampler_chain_add(this, sampler);
    }

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_sampler_free(handle);
        return true;
    }
}
