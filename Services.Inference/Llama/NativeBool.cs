namespace Kiln.Inference.Llama;

/// <summary>A C <c>bool</c> (one byte) inside a struct passed by value, so the struct stays blittable.</summary>
public readonly record struct NativeBool(byte Value)
{
    public static implicit operator bool(NativeBool value) => value.Value != 0;
    public static implicit operator NativeBool(bool value) => new(value ? (byte)1 : (byte)0);
    public override string ToString() => ((bool)this).ToString();
}
