namespace Kiln.TestModels;

/// <summary>Value types of GGUF metadata (<c>enum gguf_type</c>).</summary>
internal enum GgufValueType : uint
{
    UInt8 = 0,
    Int8 = 1,
    UInt16 = 2,
    Int16 = 3,
    UInt32 = 4,
    Int32 = 5,
    Float32 = 6,
    /// <summary>bool (one byte)</summary>
    Bool = 7,
    /// <summary>uint64 length and UTF-8 bytes</summary>
    String = 8,
    /// <summary>element type, uint64 count, elements</summary>
    Array = 9,
    UInt64 = 10,
    Int64 = 11,
    Float64 = 12,
}
