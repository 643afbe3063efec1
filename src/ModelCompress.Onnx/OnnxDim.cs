namespace ModelCompress.Onnx;

/// <summary>One dimension of a tensor shape: a known size, a symbolic name (e.g. <c>batch</c>), or unknown.</summary>
public readonly record struct OnnxDim(long? Value, string? Symbol)
{
    /// <summary>A dimension of unknown size and no name.</summary>
    public static OnnxDim Unknown => default;

    /// <summary>True when the size is a known number.</summary>
    public bool IsKnown => Value.HasValue;

    /// <summary>A dimension of known size.</summary>
    public static OnnxDim Of(long value) => new(value, null);

    /// <summary>A symbolic dimension, kept by name through inference.</summary>
    public static OnnxDim Named(string symbol) => new(null, symbol);

    /// <summary>Reads a protobuf dimension.</summary>
    public static OnnxDim From(TensorShapeProto.Types.Dimension dim) => dim.ValueCase switch
    {
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue => Of(dim.DimValue),
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam when dim.DimParam.Length > 0 => Named(dim.DimParam),
        _ => Unknown,
    };

    /// <summary>Writes this dimension as protobuf.</summary>
    public TensorShapeProto.Types.Dimension ToProto()
    {
        var dim = new TensorShapeProto.Types.Dimension();
        if (Value is { } v)
        {
            dim.DimValue = v;
        }
        else if (Symbol is { } s)
        {
            dim.DimParam = s;
        }

        return dim;
    }

    /// <inheritdoc />
    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Symbol ?? "?";
}
