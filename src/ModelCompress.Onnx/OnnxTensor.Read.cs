using System.Runtime.InteropServices;

namespace ModelCompress.Onnx;

/// <summary>Typed readers: each accepts <c>raw_data</c> or the typed field that ONNX assigns to the type.</summary>
public sealed partial class OnnxTensor
{
    /// <summary>The values as float32, converting from any real or integer type.</summary>
    public float[] ToFloatArray() => DataType switch
    {
        OnnxDataType.Float => Proto.RawData.Length > 0 ? Raw<float>() : CheckCount(Proto.FloatData.ToArray()),
        OnnxDataType.Double => Array.ConvertAll(ToDoubleArray(), v => (float)v),
        OnnxDataType.Float16 => Array.ConvertAll(ToHalfArray(), v => (float)v),
        OnnxDataType.BFloat16 => Array.ConvertAll(Small<ushort>(v => (ushort)v), b => BitConverter.Int32BitsToSingle(b << 16)),
        OnnxDataType.Int64 => Array.ConvertAll(ToInt64Array(), v => (float)v),
        OnnxDataType.Int32 => Array.ConvertAll(ToInt32Array(), v => (float)v),
        OnnxDataType.Int8 => Array.ConvertAll(ToInt8Array(), v => (float)v),
        OnnxDataType.UInt8 => Array.ConvertAll(ToUInt8Array(), v => (float)v),
        OnnxDataType.Bool => Array.ConvertAll(ToBoolArray(), v => v ? 1f : 0f),
        _ => throw Unsupported("float"),
    };

    /// <summary>The values of a float64 tensor.</summary>
    public double[] ToDoubleArray() => DataType == OnnxDataType.Double
        ? Proto.RawData.Length > 0 ? Raw<double>() : CheckCount(Proto.DoubleData.ToArray())
        : throw Unsupported("double");

    /// <summary>The values of a float16 tensor.</summary>
    public Half[] ToHalfArray() => DataType == OnnxDataType.Float16
        ? Proto.RawData.Length > 0 ? Raw<Half>() : Small(v => BitConverter.UInt16BitsToHalf((ushort)v))
        : throw Unsupported("float16");

    /// <summary>The values of an int8 tensor.</summary>
    public sbyte[] ToInt8Array() => DataType == OnnxDataType.Int8
        ? Proto.RawData.Length > 0 ? Raw<sbyte>() : Small(v => unchecked((sbyte)v))
        : throw Unsupported("int8");

    /// <summary>The values of a uint8 tensor.</summary>
    public byte[] ToUInt8Array() => DataType == OnnxDataType.UInt8
        ? Proto.RawData.Length > 0 ? Raw<byte>() : Small(v => unchecked((byte)v))
        : throw Unsupported("uint8");

    /// <summary>The values of a bool tensor.</summary>
    public bool[] ToBoolArray() => DataType == OnnxDataType.Bool
        ? Array.ConvertAll(Proto.RawData.Length > 0 ? Raw<byte>() : Small(v => unchecked((byte)v)), b => b != 0)
        : throw Unsupported("bool");

    /// <summary>The values of an int32 tensor.</summary>
    public int[] ToInt32Array() => DataType == OnnxDataType.Int32
        ? Proto.RawData.Length > 0 ? Raw<int>() : CheckCount(Proto.Int32Data.ToArray())
        : throw Unsupported("int32");

    /// <summary>The values of an int64 tensor, or of an int32 tensor widened (shapes and axes come as either).</summary>
    public long[] ToInt64Array() => DataType switch
    {
        OnnxDataType.Int64 => Proto.RawData.Length > 0 ? Raw<long>() : CheckCount(Proto.Int64Data.ToArray()),
        OnnxDataType.Int32 => Array.ConvertAll(ToInt32Array(), v => (long)v),
        _ => throw Unsupported("int64"),
    };

    /// <summary>Number of elements that are exactly zero (any numeric type).</summary>
    public long CountZeros()
    {
        if (DataType == OnnxDataType.Float)
        {
            long zeros = 0;
            foreach (var v in ToFloatArray())
            {
                zeros += v == 0f ? 1 : 0;
            }

            return zeros;
        }

        return DataType == OnnxDataType.Int64 ? ToInt64Array().LongCount(v => v == 0) : ToFloatArray().LongCount(v => v == 0f);
    }

    private T[] Raw<T>()
        where T : unmanaged
    {
        EnsureLittleEndian();
        var bytes = Proto.RawData.Span;
        var size = DataType.ElementSize();
        if (bytes.Length != checked(ElementCount * size))
        {
            throw new InvalidDataException(
                $"Tensor '{Name}' has {bytes.Length} bytes of raw data but its dims [{string.Join(",", Dims)}] need {ElementCount * size}.");
        }

        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }

    // int8, uint8, bool, int16, float16 and bfloat16 are stored widened in int32_data when not raw.
    private T[] Small<T>(Func<int, T> narrow) => CheckCount(Proto.Int32Data.Select(narrow).ToArray());

    private T[] CheckCount<T>(T[] values) => values.LongLength == ElementCount
        ? values
        : throw new InvalidDataException(
            $"Tensor '{Name}' holds {values.LongLength} values but its dims [{string.Join(",", Dims)}] need {ElementCount}.");

    private InvalidOperationException Unsupported(string wanted) =>
        new($"Tensor '{Name}' is {DataType.OnnxName()}; it cannot be read as {wanted}.");
}
