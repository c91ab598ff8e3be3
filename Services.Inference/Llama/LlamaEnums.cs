namespace Kiln.Inference.Llama;

// Mirrors of the enums of llama.h / ggml.h that the structs passed by value carry (all are C ints).

public enum LlamaSplitMode { None = 0, Layer = 1, Row = 2, Tensor = 3 }

public enum LlamaLoadMode { Auto = -1, None = 0, Mmap = 1, Mlock = 2, MmapMlock = 3, DirectIo = 4 }

public enum LlamaLazyMode { Off = 0, Auto = 1, On = 2 }

public enum LlamaContextType { Default = 0, Mtp = 1 }

public enum LlamaRopeScalingType { Unspecified = -1, None = 0, Linear = 1, Yarn = 2, LongRope = 3 }

public enum LlamaPoolingType { Unspecified = -1, None = 0, Mean = 1, Cls = 2, Last = 3, Rank = 4 }

public enum LlamaAttentionType { Unspecified = -1, Causal = 0, NonCausal = 1 }

public enum LlamaFlashAttentionType { Auto = -1, Disabled = 0, Enabled = 1 }

/// <summary>The tensor types Kiln names (KV cache types, test model weights); values from <c>enum ggml_type</c>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "ggml's own type names.")]
public enum GgmlType { F32 = 0, F16 = 1, Q4_0 = 2, Q4_1 = 3, Q5_0 = 6, Q5_1 = 7, Q8_0 = 8, BF16 = 30 }

public enum GgmlLogLevel { None = 0, Debug = 1, Info = 2, Warn = 3, Error = 4, Continue = 5 }

public enum GgmlBackendDeviceType { Cpu = 0, Gpu = 1, IntegratedGpu = 2, Accelerator = 3, Meta = 4 }
