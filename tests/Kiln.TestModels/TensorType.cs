namespace Kiln.TestModels;

/// <summary>Tensor encodings the writer produces (values of <c>enum ggml_type</c>).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "ggml's own type names.")]
public enum TensorType : uint
{
    /// <summary>32-bit floats.</summary>
    F32 = 0,
    /// <summary>IEEE half floats.</summary>
    F16 = 1,
    /// <summary>Blocks of 32 int8 values with one half-float scale (34 bytes per block).</summary>
    Q8_0 = 8,
}
