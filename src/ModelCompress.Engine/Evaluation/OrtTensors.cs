using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ModelCompress.Engine.Evaluation;

/// <summary>Between <see cref="NdArray"/> and ONNX Runtime values.</summary>
internal static class OrtTensors
{
    /// <summary>An ORT tensor over a copy-free view of <paramref name="array"/> (float16 is converted to ORT's own type).</summary>
    public static OrtValue Create(NdArray array) => array.Data switch
    {
        float[] f => OrtValue.CreateTensorValueFromMemory(f, array.Shape),
        double[] d => OrtValue.CreateTensorValueFromMemory(d, array.Shape),
        Half[] h => OrtValue.CreateTensorValueFromMemory(h.Select(v => new Float16(BitConverter.HalfToUInt16Bits(v))).ToArray(), array.Shape),
        sbyte[] s => OrtValue.CreateTensorValueFromMemory(s, array.Shape),
        byte[] b => OrtValue.CreateTensorValueFromMemory(b, array.Shape),
        int[] i => OrtValue.CreateTensorValueFromMemory(i, array.Shape),
        long[] l => OrtValue.CreateTensorValueFromMemory(l, array.Shape),
        bool[] b => OrtValue.CreateTensorValueFromMemory(b, array.Shape),
        _ => throw new ArgumentException($"Unsupported array type {array.Data.GetType().Name}.", nameof(array)),
    };

    /// <summary>The values of an output tensor as float32, with its shape.</summary>
    public static (float[] Values, long[] Shape) ReadFloats(OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        var values = info.ElementDataType switch
        {
            TensorElementType.Float => value.GetTensorDataAsSpan<float>().ToArray(),
            TensorElementType.Double => Map(value.GetTensorDataAsSpan<double>(), v => (float)v),
            TensorElementType.Float16 => Map(value.GetTensorDataAsSpan<Float16>(), v => (float)BitConverter.UInt16BitsToHalf(v.value)),
            TensorElementType.Int64 => Map(value.GetTensorDataAsSpan<long>(), v => (float)v),
            TensorElementType.Int32 => Map(value.GetTensorDataAsSpan<int>(), v => (float)v),
            TensorElementType.UInt8 => Map(value.GetTensorDataAsSpan<byte>(), v => (float)v),
            TensorElementType.Int8 => Map(value.GetTensorDataAsSpan<sbyte>(), v => (float)v),
            TensorElementType.Bool => Map(value.GetTensorDataAsSpan<bool>(), v => v ? 1f : 0f),
            var other => throw new NotSupportedException($"Output element type {other} cannot be compared."),
        };
        return (values, info.Shape);
    }

    private static float[] Map<T>(ReadOnlySpan<T> source, Func<T, float> map)
    {
        var result = new float[source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            result[i] = map(source[i]);
        }

        return result;
    }
}
