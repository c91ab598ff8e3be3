using System.Text;

namespace Kiln.TestModels;

/// <summary>Writes a GGUF v3 file: metadata key/values, then tensors streamed row by row (any size, little memory).</summary>
public sealed class GgufWriter
{
    /// <summary>GGUF's default alignment of tensor data.</summary>
    public const int Alignment = 32;

    private readonly List<(string Key, Action<BinaryWriter> Write)> _metadata = [];
    private readonly List<Tensor> _tensors = [];

    private sealed record Tensor(string Name, long[] Shape, TensorType Type, Action<long, Span<float>> FillRow)
    {
        public long RowLength => Shape[0];
        public long Rows => Shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        public long Bytes => TensorEncoding.RowBytes(Type, RowLength) * Rows;
    }

    /// <summary>Sets a string value.</summary>
    public GgufWriter Set(string key, string value) => Add(key, w => { w.Write((uint)GgufValueType.String); WriteString(w, value); });

    /// <summary>Sets a uint32 value.</summary>
    public GgufWriter Set(string key, uint value) => Add(key, w => { w.Write((uint)GgufValueType.UInt32); w.Write(value); });

    /// <summary>Sets a float32 value.</summary>
    public GgufWriter Set(string key, float value) => Add(key, w => { w.Write((uint)GgufValueType.Float32); w.Write(value); });

    /// <summary>Sets a bool value.</summary>
    public GgufWriter Set(string key, bool value) => Add(key, w => { w.Write((uint)GgufValueType.Bool); w.Write(value); });

    /// <summary>Sets an array of strings.</summary>
    public GgufWriter Set(string key, IReadOnlyList<string> values) => Add(key, w =>
    {
        WriteArrayHeader(w, GgufValueType.String, values.Count);
        foreach (var v in values) WriteString(w, v);
    });

    /// <summary>Sets an array of float32.</summary>
    public GgufWriter Set(string key, IReadOnlyList<float> values) => Add(key, w =>
    {
        WriteArrayHeader(w, GgufValueType.Float32, values.Count);
        foreach (var v in values) w.Write(v);
    });

    /// <summary>Sets an array of int32.</summary>
    public GgufWriter Set(string key, IReadOnlyList<int> values) => Add(key, w =>
    {
        WriteArrayHeader(w, GgufValueType.Int32, values.Count);
        foreach (var v in values) w.Write(v);
    });

    /// <summary>
    /// Adds a tensor of ggml shape <paramref name="shape"/> (row length first); <paramref name="fillRow"/> is called
    /// once per row, in order, with the row index and a buffer to fill.
    /// </summary>
    public GgufWriter AddTensor(string name, long[] shape, TensorType type, Action<long, Span<float>> fillRow)
    {
        if (shape.Length is < 1 or > 4) throw new ArgumentException("A tensor has 1 to 4 dimensions.", nameof(shape));
        if (type == TensorType.Q8_0 && shape[0] % TensorEncoding.Q8BlockValues != 0)
            throw new ArgumentException($"Q8_0 rows must be a multiple of {TensorEncoding.Q8BlockValues} long; {name} has {shape[0]}.", nameof(shape));
        _tensors.Add(new Tensor(name, shape, type, fillRow));
        return this;
    }

    /// <summary>Writes the file, replacing any file at <paramref name="path"/>.</summary>
    public void WriteTo(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        WriteTo(file);
    }

    /// <summary>Writes the GGUF bytes to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write("GGUF"u8);
        w.Write(3u);
        w.Write((ulong)_tensors.Count);
        w.Write((ulong)_metadata.Count);
        foreach (var (key, write) in _metadata)
        {
            WriteString(w, key);
            write(w);
        }

        long offset = 0;
        foreach (var tensor in _tensors)
        {
            WriteString(w, tensor.Name);
            w.Write((uint)tensor.Shape.Length);
            foreach (var dimension in tensor.Shape) w.Write((ulong)dimension);
            w.Write((uint)tensor.Type);
            w.Write((ulong)offset);
            offset = Align(offset + tensor.Bytes);
        }
        Pad(w);

        foreach (var tensor in _tensors)
        {
            var values = new float[tensor.RowLength];
            var bytes = new byte[TensorEncoding.RowBytes(tensor.Type, tensor.RowLength)];
            for (long row = 0; row < tensor.Rows; row++)
            {
                tensor.FillRow(row, values);
                TensorEncoding.Encode(tensor.Type, values, bytes);
                w.Write(bytes);
            }
            Pad(w);
        }
    }

    private GgufWriter Add(string key, Action<BinaryWriter> write)
    {
        if (_metadata.Any(m => m.Key == key)) throw new ArgumentException($"{key} is already set.", nameof(key));
        _metadata.Add((key, write));
        return this;
    }

    private static long Align(long offset) => (offset + Alignment - 1) / Alignment * Alignment;

    private static void Pad(BinaryWriter w)
    {
        w.Flush();
        var position = w.BaseStream.Position;
        for (var i = position; i < Align(position); i++) w.Write((byte)0);
    }

    private static void WriteArrayHeader(BinaryWriter w, GgufValueType elementType, int count)
    {
        w.Write((uint)GgufValueType.Array);
        w.Write((uint)elementType);
        w.Write((ulong)count);
    }

    private static void WriteString(BinaryWriter w, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }
}
