namespace ModelCompress.Onnx;

/// <summary>A named value with its tensor type (graph input, output or intermediate), as reports show it.</summary>
public sealed record OnnxValueInfo(string Name, OnnxTensorType? Type)
{
    /// <summary>Reads a protobuf value info.</summary>
    public static OnnxValueInfo From(ValueInfoProto info) => new(info.Name, OnnxTensorType.From(info.Type));

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Type?.ToString() ?? "?"}";
}
