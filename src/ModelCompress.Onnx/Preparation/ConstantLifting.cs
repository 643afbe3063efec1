using Google.Protobuf;

namespace ModelCompress.Onnx.Preparation;

/// <summary>
/// Turns <c>Constant</c> nodes of the main graph into initializers of the same name, so every later pass (and the
/// pruner and quantizers) finds weights in one place whatever the exporter did (Paddle2ONNX and tf2onnx often
/// emit weights as Constant nodes). All attribute forms are read: <c>value</c>, <c>value_float(s)</c>,
/// <c>value_int(s)</c>, <c>value_string(s)</c>. A sparse value, a value with external data and a Constant that is
/// itself a graph output stay as they are.
/// </summary>
public static class ConstantLifting
{
    /// <summary>Converts what it can in place; returns how many Constant nodes became initializers.</summary>
    public static int Run(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        var proto = graph.Proto;
        var outputs = proto.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var kept = new List<NodeProto>(proto.Node.Count);
        var converted = 0;
        foreach (var node in proto.Node)
        {
            var value = node.OpType == "Constant" && node.Domain is "" or "ai.onnx" && node.Output.Count == 1
                && node.Output[0].Length > 0 && !outputs.Contains(node.Output[0])
                ? ValueOf(node)
                : null;
            if (value is null)
            {
                kept.Add(node);
                continue;
            }

            value.Name = node.Output[0];
            proto.Initializer.Add(value);
            converted++;
        }

        if (converted > 0)
        {
            proto.Node.Clear();
            proto.Node.AddRange(kept);
            graph.Invalidate();
            LegacyInitializerInputs.Declare(model);
        }

        return converted;
    }

    /// <summary>The tensor a Constant node produces, or null when it is kept as a node.</summary>
    public static TensorProto? ValueOf(NodeProto node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Attribute.Count != 1)
        {
            return null;
        }

        var a = node.Attribute[0];
        return a.Name switch
        {
            "value" when a.T is { } t && t.DataLocation != TensorProto.Types.DataLocation.External => t.Clone(),
            "value_float" => OnnxTensor.FromFloats("", [], [a.F]).ToProto(),
            "value_floats" => OnnxTensor.FromFloats("", [a.Floats.Count], a.Floats.ToArray()).ToProto(),
            "value_int" => OnnxTensor.FromInt64s("", [], [a.I]).ToProto(),
            "value_ints" => OnnxTensor.FromInt64s("", [a.Ints.Count], a.Ints.ToArray()).ToProto(),
            "value_string" => Strings([], [a.S]),
            "value_strings" => Strings([a.Strings.Count], a.Strings),
            _ => null,
        };
    }

    private static TensorProto Strings(long[] dims, IEnumerable<ByteString> values)
    {
        var tensor = new TensorProto { DataType = (int)OnnxDataType.String };
        tensor.Dims.AddRange(dims);
        tensor.StringData.AddRange(values);
        return tensor;
    }
}
