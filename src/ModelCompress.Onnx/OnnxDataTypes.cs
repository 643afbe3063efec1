namespace ModelCompress.Onnx;

/// <summary>Facts about <see cref="OnnxDataType"/> values.</summary>
public static class OnnxDataTypes
{
    /// <summary>Bytes per element in <c>raw_data</c>; 0 for strings and unknown types.</summary>
    public static int ElementSize(this OnnxDataType type) => type switch
    {
        OnnxDataType.Float or OnnxDataType.Int32 or OnnxDataType.UInt32 => 4,
        OnnxDataType.UInt8 or OnnxDataType.Int8 or OnnxDataType.Bool => 1,
        OnnxDataType.UInt16 or OnnxDataType.Int16 or OnnxDataType.Float16 or OnnxDataType.BFloat16 => 2,
        OnnxDataType.Int64 or OnnxDataType.UInt64 or OnnxDataType.Double or OnnxDataType.Complex64 => 8,
        OnnxDataType.Complex128 => 16,
        _ => 0,
    };

    /// <summary>True for the real floating-point types (what trained weights are stored in).</summary>
    public static bool IsFloatingPoint(this OnnxDataType type) =>
        type is OnnxDataType.Float or OnnxDataType.Float16 or OnnxDataType.BFloat16 or OnnxDataType.Double;

    /// <summary>ONNX's upper-case name (FLOAT, INT8, ...), as tools and reports print it.</summary>
    public static string OnnxName(this OnnxDataType type) => type switch
    {
        OnnxDataType.Float16 => "FLOAT16",
        OnnxDataType.BFloat16 => "BFLOAT16",
        _ => type.ToString().ToUpperInvariant(),
    };
}
