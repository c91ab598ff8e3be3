using Kiln.Inference.Llama;

namespace Kiln.Inference.Generation;

/// <summary>Where the model runs: "cpu" or "cuda", how many layers went to the GPU, and the context's shape.</summary>
public sealed record BackendDescription(
    string Name,
    int LayersOffloaded,
    int OffloadableLayers,
    IReadOnlyList<BackendDevice> Devices,
    int Slots,
    int ContextPerSlot,
    int BatchSize,
    int Threads);
