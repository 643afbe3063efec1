namespace ModelCompress.Onnx.Preparation;

/// <summary>The tensor types a graph states for its values: initializers, inputs, outputs and value_info.</summary>
public static class DeclaredTypes
{
    /// <summary>
    /// Type per value name; where the file says nothing, the Onnx layer's own <see cref="ShapeInference"/> fills in.
    /// </summary>
    public static IReadOnlyDictionary<string, OnnxTensorType> Of(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        var types = new Dictionary<string, OnnxTensorType>(StringComparer.Ordinal);
        foreach (var info in graph.Inputs.Concat(graph.Outputs).Concat(graph.ValueInfos))
        {
            if (info.Type is { Dims: not null } type)
            {
                types[info.Name] = type;
            }
        }

        foreach (var tensor in graph.Initializers)
        {
            types[tensor.Name] = new OnnxTensorType(tensor.DataType, tensor.Dims.Select(OnnxDim.Of).ToArray());
        }

        foreach (var (name, type) in ShapeInference.Infer(model).Types)
        {
            types.TryAdd(name, type);
        }

        return types;
    }
}
