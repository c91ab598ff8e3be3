using System.Buffers.Binary;

namespace Kiln.TestModels;

/// <summary>Encodes rows of floats as ggml stores them.</summary>
internal static class TensorEncoding
{
    public const int Q8BlockValues = 32;
    private const int Q8BlockBytes = 2 + Q8BlockValues;

    public static long RowBytes(TensorType type, long values) => type switch
    {
        TensorType.F32 => values * 4,
        TensorType.F16 => values * 2,
        TensorType.Q8_0 => values / Q8BlockValues * Q8BlockBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static void Encode(TensorType type, ReadOnlySpan<float> row, Span<byte> destination)
    {
        switch (type)
        {
            case TensorType.F32:
                for (var i = 0; i < row.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(destination[(i * 4)..], row[i]);
                break;
            case TensorType.F16:
                for (var i = 0; i < row.Length; i++) BinaryPrimitives.WriteHalfLittleEndian(destination[(i * 2)..], (Half)row[i]);
                break;
            case TensorType.Q8_0:
                for (var block = 0; block < row.Length / Q8BlockValues; block++)
                    EncodeQ8Block(row.Slice(block * Q8BlockValues, Q8BlockValues), destination.Slice(block * Q8BlockBytes, Q8BlockBytes));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    // As ggml's quantize_row_q8_0_ref: scale = max |x| / 127, values rounded half away from zero.
    private static void EncodeQ8Block(ReadOnlySpan<float> values, Span<byte> destination)
    {
        var max = 0f;
        foreach (var v in values) max = Math.Max(max, Math.Abs(v));
        var scale = max / 127f;
        var inverse = scale != 0 ? 1f / scale : 0f;
        BinaryPrimitives.WriteHalfLittleEndian(destination, (Half)scale);
        for (var i = 0; i < values.Length; i++)
            destination[2 + i] = unchecked((byte)(sbyte)MathF.Round(values[i] * inverse, MidpointRounding.AwayFromZero));
    }
}
