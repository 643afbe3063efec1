namespace ModelCompress.Engine.Data;

/// <summary>Facts about <see cref="NdElementType"/> values: kind, size, ONNX counterpart.</summary>
public static class NdElementTypes
{
    /// <summary>True for the floating-point types.</summary>
    public static bool IsFloat(this NdElementType type) =>
        type is NdElementType.Float32 or NdElementType.Float16 or NdElementType.Float64;

    /// <summary>True for the integer types (bool excluded).</summary>
    public static bool IsInteger(this NdElementType type) =>
        type is NdElementType.Int8 or NdElementType.UInt8 or NdElementType.Int32 or NdElementType.Int64;

    /// <summary>Bytes per element.</summary>
    public static int Size(this NdElementType type) => type switch
    {
        NdElementType.Float32 or NdElementType.Int32 => 4,
        NdElementType.Float16 => 2,
        NdElementType.Float64 or NdElementType.Int64 => 8,
        _ => 1,
    };

    /// <summary>The CLR array element type that holds values of <paramref name="type"/>.</summary>
    public static Type ClrType(this NdElementType type) => type switch
    {
        NdElementType.Float32 => typeof(float),
        NdElementType.Float16 => typeof(Half),
        NdElementType.Float64 => typeof(double),
        NdElementType.Int8 => typeof(sbyte),
        NdElementType.UInt8 => typeof(byte),
        NdElementType.Int32 => typeof(int),
        NdElementType.Int64 => typeof(long),
        NdElementType.Bool => typeof(bool),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The matching element type of an ONNX tensor, or null when the data layer cannot hold it.</summary>
    public static NdElementType? FromOnnx(OnnxDataType type) => type switch
    {
        OnnxDataType.Float => NdElementType.Float32,
        OnnxDataType.Float16 => NdElementType.Float16,
        OnnxDataType.Double => NdElementType.Float64,
        OnnxDataType.Int8 => NdElementType.Int8,
        OnnxDataType.UInt8 => NdElementType.UInt8,
        OnnxDataType.Int32 => NdElementType.Int32,
        OnnxDataType.Int64 => NdElementType.Int64,
        OnnxDataType.Bool => NdElementType.Bool,
        _ => null,
    };

    /// <summary>Lower-case name as messages show it (numpy's spelling).</summary>
    public static string DisplayName(this NdElementType type) => type.ToString().ToLowerInvariant();
}
