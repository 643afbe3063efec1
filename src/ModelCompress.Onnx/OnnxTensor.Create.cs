using System.Runtime.InteropServices;

namespace ModelCompress.Onnx;

/// <summary>Factories: every one stores the values as little-endian <c>raw_data</c>.</summary>
public sealed partial class OnnxTensor
{
    /// <summary>A float32 tensor.</summary>
    public static OnnxTensor FromFloats(string name, IReadOnlyList<long> dims, ReadOnlySpan<float> values) =>
        Create(name, OnnxDataType.Float, dims, values.Length, LittleEndian(values));

    /// <summary>A float16 tensor.</summary>
    public static OnnxTensor FromHalves(string name, IReadOnlyList<long> dims, ReadOnlySpan<Half> values) =>
        Create(name, OnnxDataType.Float16, dims, values.Length, LittleEndian(values));

    /// <summary>A float64 tensor.</summary>
    public static OnnxTensor FromDoubles(string name, IReadOnlyList<long> dims, ReadOnlySpan<double> values) =>
        Create(name, OnnxDataType.Double, dims, values.Length, LittleEndian(values));

    /// <summary>An int8 tensor.</summary>
    public static OnnxTensor FromInt8s(string name, IReadOnlyList<long> dims, ReadOnlySpan<sbyte> values) =>
        Create(name, OnnxDataType.Int8, dims, values.Length, MemoryMarshal.AsBytes(values));

    /// <summary>A uint8 tensor.</summary>
    public static OnnxTensor FromUInt8s(string name, IReadOnlyList<long> dims, ReadOnlySpan<byte> values) =>
        Create(name, OnnxDataType.UInt8, dims, values.Length, values);

    /// <summary>An int32 tensor.</summary>
    public static OnnxTensor FromInt32s(string name, IReadOnlyList<long> dims, ReadOnlySpan<int> values) =>
        Create(name, OnnxDataType.Int32, dims, values.Length, LittleEndian(values));

    /// <summary>An int64 tensor.</summary>
    public static OnnxTensor FromInt64s(string name, IReadOnlyList<long> dims, ReadOnlySpan<long> values) =>
        Create(name, OnnxDataType.Int64, dims, values.Length, LittleEndian(values));

    /// <summary>A bool tensor (one byte per element, 0 or 1).</summary>
    public static OnnxTensor FromBools(string name, IReadOnlyList<long> dims, ReadOnlySpan<bool> values)
    {
        var bytes = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bytes[i] = values[i] ? (byte)1 : (byte)0;
        }

        return Create(name, OnnxDataType.Bool, dims, values.Length, bytes);
    }

    /// <summary>A float32 scalar (rank 0).</summary>
    public static OnnxTensor Scalar(string name, float value) => FromFloats(name, [], [value]);

    private static ReadOnlySpan<byte> LittleEndian<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        EnsureLittleEndian();
        return MemoryMarshal.AsBytes(values);
    }

    private static void EnsureLittleEndian()
    {
        // ONNX raw_data is little-endian; reinterpreting memory is only correct on a little-endian machine.
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX tensor data handling requires a little-endian machine.");
        }
    }
}
