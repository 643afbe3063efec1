namespace ModelCompress.Engine.Steps.Quantize.Fp16;

/// <summary>
/// The element type of every value, which is all the fp16 conversion needs: from initializers, graph inputs,
/// value_info and the shape inference, then forward by op rules for ops the shape inference does not cover
/// (comparisons give bool, index ops int64, Cast its <c>to</c>, most others their first input's type).
/// A value whose type stays unknown is treated as not float32 and left alone.
/// </summary>
internal static class ElementTypes
{
    private static readonly HashSet<string> BoolOutputs = new(StringComparer.Ordinal)
    {
        "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor", "Not", "IsNaN", "IsInf",
    };

    private static readonly HashSet<string> Int64Outputs = new(StringComparer.Ordinal)
    {
        "Shape", "Size", "ArgMax", "ArgMin", "NonZero", "NonMaxSuppression",
    };

    public static Dictionary<string, OnnxDataType> Infer(OnnxModel model)
    {
        var graph = model.Graph;
        var types = new Dictionary<string, OnnxDataType>(StringComparer.Ordinal);
        foreach (var (name, type) in ShapeInference.Infer(model).Types)
        {
            types[name] = type.ElementType;
        }

        foreach (var info in graph.Inputs.Concat(graph.ValueInfos).Concat(graph.Outputs).Where(i => i.Type is not null))
        {
            types.TryAdd(info.Name, info.Type!.ElementType);
        }

        foreach (var node in graph.TopologicalOrder())
        {
            for (var i = 0; i < node.Outputs.Count; i++)
            {
                if (node.Outputs[i].Length > 0 && !types.ContainsKey(node.Outputs[i]) && Rule(node, i, types) is { } type)
                {
                    types[node.Outputs[i]] = type;
                }
            }
        }

        return types;
    }

    private static OnnxDataType? Rule(OnnxNode node, int output, Dictionary<string, OnnxDataType> types)
    {
        OnnxDataType? InputType(int index) => types.TryGetValue(node.Input(index), out var t) ? t : null;
        if (node.Domain is not ("" or "ai.onnx"))
        {
            return null;
        }

        return node.OpType switch
        {
            "Constant" => node.GetTensor("value")?.DataType
                ?? (node.HasAttribute("value_float") || node.HasAttribute("value_floats") ? OnnxDataType.Float
                    : node.HasAttribute("value_int") || node.HasAttribute("value_ints") ? OnnxDataType.Int64 : null),
            "Cast" => (OnnxDataType)node.GetInt("to"),
            "CastLike" => InputType(1),
            "Where" => InputType(1),
            "ConstantOfShape" => node.GetTensor("value")?.DataType ?? OnnxDataType.Float,
            "EyeLike" or "RandomNormalLike" or "RandomUniformLike" => node.HasAttribute("dtype") ? (OnnxDataType)node.GetInt("dtype") : InputType(0),
            "RandomNormal" or "RandomUniform" => node.HasAttribute("dtype") ? (OnnxDataType)node.GetInt("dtype") : OnnxDataType.Float,
            "TopK" or "MaxPool" when output == 1 => OnnxDataType.Int64,
            "Dropout" when output == 1 => OnnxDataType.Bool,
            "QuantizeLinear" => node.Inputs.Count > 2 ? InputType(2) : OnnxDataType.UInt8,
            "DequantizeLinear" => InputType(1),
            "DynamicQuantizeLinear" => output == 1 ? OnnxDataType.Float : OnnxDataType.UInt8,
            "MatMulInteger" or "ConvInteger" => OnnxDataType.Int32,
            _ when BoolOutputs.Contains(node.OpType) => OnnxDataType.Bool,
            _ when Int64Outputs.Contains(node.OpType) => OnnxDataType.Int64,
            _ => InputType(0),
        };
    }
}
