namespace ModelCompress.Engine.Data;

/// <summary>Element-type conversions between the flat arrays an <see cref="NdArray"/> holds.</summary>
internal static class NdConvert
{
    public static Array To(Array data, NdElementType type) => type switch
    {
        NdElementType.Float32 => ToFloat32(data),
        NdElementType.Float16 => Map(ToFloat64(data), v => (Half)v),
        NdElementType.Float64 => ToFloat64(data),
        NdElementType.Int8 => Map(ToInt64(data), v => checked((sbyte)v)),
        NdElementType.UInt8 => Map(ToInt64(data), v => checked((byte)v)),
        NdElementType.Int32 => Map(ToInt64(data), v => checked((int)v)),
        NdElementType.Int64 => ToInt64(data),
        NdElementType.Bool => Map(ToFloat64(data), v => v != 0),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static float[] ToFloat32(Array data) => data switch
    {
        float[] f => (float[])f.Clone(),
        Half[] h => Map(h, v => (float)v),
        _ => Map(ToFloat64(data), v => (float)v),
    };

    public static double[] ToFloat64(Array data) => data switch
    {
        float[] f => Map(f, v => (double)v),
        Half[] h => Map(h, v => (double)v),
        double[] d => (double[])d.Clone(),
        sbyte[] s => Map(s, v => (double)v),
        byte[] b => Map(b, v => (double)v),
        int[] i => Map(i, v => (double)v),
        long[] l => Map(l, v => (double)v),
        bool[] b => Map(b, v => v ? 1.0 : 0.0),
        _ => throw new ArgumentException($"Unsupported array type {data.GetType().Name}.", nameof(data)),
    };

    public static long[] ToInt64(Array data) => data switch
    {
        long[] l => (long[])l.Clone(),
        int[] i => Map(i, v => (long)v),
        sbyte[] s => Map(s, v => (long)v),
        byte[] b => Map(b, v => (long)v),
        bool[] b => Map(b, v => v ? 1L : 0L),
        _ => Map(ToFloat64(data), WholeNumber),
    };

    private static long WholeNumber(double v) =>
        Math.Floor(v) == v && Math.Abs(v) < 9.2e18 ? (long)v : throw new InvalidCastException($"{v} is not a whole number.");

    private static TOut[] Map<TIn, TOut>(TIn[] source, Func<TIn, TOut> map)
    {
        var result = new TOut[source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            result[i] = map(source[i]);
        }

        return result;
    }
}
