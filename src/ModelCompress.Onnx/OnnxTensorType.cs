namespace ModelCompress.Onnx;

/// <summary>The element type and shape of a tensor value; <see cref="Dims"/> is null when the rank is unknown.</summary>
public sealed record OnnxTensorType(OnnxDataType ElementType, IReadOnlyList<OnnxDim>? Dims)
{
    /// <summary>Rank, or -1 when unknown.</summary>
    public int Rank => Dims?.Count ?? -1;

    /// <summary>True when every dimension is a known number.</summary>
    public bool IsFullyKnown => Dims is not null && Dims.All(d => d.IsKnown);

    /// <summary>A type with all dimensions known.</summary>
    public static OnnxTensorType Of(OnnxDataType elementType, params long[] dims) =>
        new(elementType, dims.Select(OnnxDim.Of).ToArray());

    /// <summary>Reads a tensor type from a value info; null for non-tensor values.</summary>
    public static OnnxTensorType? From(TypeProto? type)
    {
        if (type?.TensorType is not { } tensor)
        {
            return null;
        }

        var dims = tensor.Shape is { } shape ? shape.Dim.Select(OnnxDim.From).ToArray() : null;
        return new OnnxTensorType((OnnxDataType)tensor.ElemType, dims);
    }

    /// <summary>Writes the type as protobuf.</summary>
    public TypeProto ToProto()
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)ElementType };
        if (Dims is not null)
        {
            tensor.Shape = new TensorShapeProto();
            tensor.Shape.Dim.AddRange(Dims.Select(d => d.ToProto()));
        }

        return new TypeProto { TensorType = tensor };
    }

    /// <summary>Equality by element type and dimensions (records compare lists by reference otherwise).</summary>
    public bool Equals(OnnxTensorType? other) =>
        other is not null && ElementType == other.ElementType &&
        (Dims is null ? other.Dims is null : other.Dims is not null && Dims.SequenceEqual(other.Dims));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ElementType, Rank);

    /// <inheritdoc />
    public override string ToString() =>
        $"{ElementType.OnnxName()}[{(Dims is null ? "?" : string.Join(",", Dims))}]";
}
