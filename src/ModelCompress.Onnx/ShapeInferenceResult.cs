namespace ModelCompress.Onnx;

/// <summary>The outcome of <see cref="ShapeInference.Infer"/>: a type per value name, and nodes it could not infer.</summary>
public sealed class ShapeInferenceResult
{
    private readonly IReadOnlyDictionary<string, OnnxDim[]> _values;

    internal ShapeInferenceResult(IReadOnlyDictionary<string, OnnxTensorType> types, IReadOnlyList<string> skippedNodes,
        IReadOnlyDictionary<string, OnnxDim[]> values)
    {
        Types = types;
        SkippedNodes = skippedNodes;
        _values = values;
    }

    /// <summary>
    /// The entries of an integer value computed from <c>Shape</c> (Shape → Gather → Concat …), as dims (a symbolic
    /// batch stays a symbol); null for values not computed that way (read constants as initializers).
    /// </summary>
    public IReadOnlyList<OnnxDim>? ShapeValue(string value) => _values.GetValueOrDefault(value);

    /// <summary>Element type and dims per value name (inputs, initializers, node outputs).</summary>
    public IReadOnlyDictionary<string, OnnxTensorType> Types { get; }

    /// <summary>Nodes whose outputs stayed unknown (no rule for the op, or inputs unknown).</summary>
    public IReadOnlyList<string> SkippedNodes { get; }

    /// <summary>The type of a value, or null when unknown.</summary>
    public OnnxTensorType? this[string value] => Types.GetValueOrDefault(value);

    /// <summary>
    /// Records the inferred types in the model: value_info for every intermediate node output (in node order,
    /// replacing older entries where a type was inferred), and types for graph outputs that declare none.
    /// </summary>
    public void WriteValueInfo(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        var proto = graph.Proto;
        var outputs = proto.Output.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var previous = proto.ValueInfo.GroupBy(v => v.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        proto.ValueInfo.Clear();
        foreach (var value in graph.Nodes.SelectMany(n => n.Outputs).Where(o => o.Length > 0))
        {
            if (!Types.TryGetValue(value, out var type))
            {
                // Keep what the file already knew about values this inference could not work out.
                if (previous.TryGetValue(value, out var known) && !outputs.ContainsKey(value))
                {
                    proto.ValueInfo.Add(known);
                }

                continue;
            }

            if (outputs.TryGetValue(value, out var output))
            {
                if (output.Type?.TensorType?.Shape is null)
                {
                    output.Type = type.ToProto();
                }

                continue;
            }

            proto.ValueInfo.Add(new Proto.ValueInfoProto { Name = value, Type = type.ToProto() });
        }

        graph.Invalidate();
    }
}
