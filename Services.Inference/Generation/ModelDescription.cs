namespace Kiln.Inference.Generation;

/// <summary>What model is loaded: name, architecture, size and quantisation, from the GGUF metadata.</summary>
public sealed record ModelDescription(
    string Name,
    string Architecture,
    ulong ParameterCount,
    string FileType,
    int TrainedContextLength,
    ulong SizeBytes,
    int LayerCount,
    int VocabularySize,
    string Path,
    string ChatTemplate);
