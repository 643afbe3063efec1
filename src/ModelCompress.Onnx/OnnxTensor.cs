using Google.Protobuf;

namespace ModelCompress.Onnx;

/// <summary>
/// An immutable view of a tensor (initializer or attribute value) with typed access. Data may sit in
/// <c>raw_data</c> or in the typed <c>*_data</c> fields; both are read. Factories always write <c>raw_data</c>
/// (little-endian), which is compact and serializes identically every time.
/// </summary>
public sealed partial class OnnxTensor
{
    private OnnxTensor(TensorProto proto)
    {
        Proto = proto;
        Dims = proto.Dims.ToArray();
        ElementCount = Product(Dims);
    }

    /// <summary>The tensor's name (the initializer name in a graph).</summary>
    public string Name => Proto.Name;

    /// <summary>The element type.</summary>
    public OnnxDataType DataType => (OnnxDataType)Proto.DataType;

    /// <summary>The dimensions; empty for a scalar.</summary>
    public IReadOnlyList<long> Dims { get; }

    /// <summary>Number of elements (product of the dimensions; 1 for a scalar).</summary>
    public long ElementCount { get; }

    /// <summary>Bytes the data occupies in <c>raw_data</c> form.</summary>
    public long ByteSize => checked(ElementCount * DataType.ElementSize());

    /// <summary>The underlying message. Owned by this tensor (or its graph): do not mutate it.</summary>
    internal TensorProto Proto { get; }

    /// <summary>Wraps an existing protobuf tensor without copying it.</summary>
    public static OnnxTensor Wrap(TensorProto proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        return new OnnxTensor(proto);
    }

    /// <summary>A deep copy of the protobuf message, safe to change.</summary>
    public TensorProto ToProto() => Proto.Clone();

    /// <summary>The same data under another name.</summary>
    public OnnxTensor WithName(string name)
    {
        var copy = Proto.Clone();
        copy.Name = name;
        return new OnnxTensor(copy);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {DataType.OnnxName()}[{string.Join(",", Dims)}]";

    internal static long Product(IReadOnlyList<long> dims)
    {
        long n = 1;
        foreach (var d in dims)
        {
            n = checked(n * d);
        }

        return n;
    }

    private static OnnxTensor Create(string name, OnnxDataType type, IReadOnlyList<long> dims, long length, ReadOnlySpan<byte> raw)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(dims);
        var expected = Product(dims);
        if (expected != length)
        {
            throw new ArgumentException(
                $"Tensor '{name}' has dims [{string.Join(",", dims)}] ({expected} elements) but {length} values were given.",
                nameof(dims));
        }

        var proto = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(raw) };
        proto.Dims.AddRange(dims);
        return new OnnxTensor(proto);
    }
}
