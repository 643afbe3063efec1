namespace ModelCompress.Onnx;

/// <summary>
/// Checks every tensor's dims against its data before anything reads it, so a crafted model (dims that overflow,
/// raw_data shorter than its shape) is one clear error instead of an exception deep inside a step.
/// </summary>
internal static class TensorValidator
{
    // .NET arrays (and protobuf's ByteString) stop at 2 GiB; no single weight tensor of a model we can compress is larger.
    public const long MaxTensorBytes = int.MaxValue;

    public static void Validate(ModelProto model, string? path)
    {
        foreach (var tensor in TensorWalker.All(model))
        {
            var type = (OnnxDataType)tensor.DataType;
            var size = type.ElementSize();
            var elements = Elements(tensor, size, path);
            if (size == 0 || tensor.DataLocation == TensorProto.Types.DataLocation.External)
            {
                continue;
            }

            var given = GivenElements(tensor, type, size);
            if (given is { } count && count != elements)
            {
                throw new OnnxFormatException(path, OnnxFormatError.TensorDataMismatch,
                    $"Tensor '{tensor.Name}' has dims [{string.Join(",", tensor.Dims)}] ({elements} elements) but its data holds {count} " +
                    $"({DataField(tensor)}). The file is damaged or was written by a faulty exporter; export the model again.");
            }
        }
    }

    private static long Elements(TensorProto tensor, int size, string? path)
    {
        long elements = 1;
        foreach (var d in tensor.Dims)
        {
            if (d < 0 || (d > 0 && elements > MaxTensorBytes / d))
            {
                throw new OnnxFormatException(path, OnnxFormatError.TensorShapeInvalid,
                    $"Tensor '{tensor.Name}' has dims [{string.Join(",", tensor.Dims)}], which are negative or describe more than " +
                    $"{MaxTensorBytes} elements. The file is damaged; export the model again.");
            }

            elements *= d;
        }

        if (size > 0 && elements > MaxTensorBytes / size)
        {
            throw new OnnxFormatException(path, OnnxFormatError.TensorShapeInvalid,
                $"Tensor '{tensor.Name}' has dims [{string.Join(",", tensor.Dims)}], {elements} elements of {size} bytes: more than the " +
                $"{MaxTensorBytes}-byte limit for one tensor. Split the weight or export it in a smaller type.");
        }

        return elements;
    }

    // Null when the tensor carries no data at all in any field (ORT reports that itself, with the node).
    private static long? GivenElements(TensorProto tensor, OnnxDataType type, int size)
    {
        if (tensor.HasRawData)
        {
            return tensor.RawData.Length % size == 0 ? tensor.RawData.Length / size : -1;
        }

        long count = type switch
        {
            OnnxDataType.Float => tensor.FloatData.Count,
            OnnxDataType.Double => tensor.DoubleData.Count,
            OnnxDataType.Int64 => tensor.Int64Data.Count,
            OnnxDataType.UInt32 or OnnxDataType.UInt64 => tensor.Uint64Data.Count,
            OnnxDataType.Complex64 => tensor.FloatData.Count / 2,
            OnnxDataType.Complex128 => tensor.DoubleData.Count / 2,
            _ => tensor.Int32Data.Count,
        };
        return count == 0 ? null : count;
    }

    private static string DataField(TensorProto tensor) =>
        tensor.HasRawData ? $"raw_data is {tensor.RawData.Length} bytes" : "typed data fields";
}
