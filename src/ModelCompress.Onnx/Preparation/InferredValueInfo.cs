namespace ModelCompress.Onnx.Preparation;

/// <summary>
/// Writes inferred types into a graph's value_info: one entry per intermediate node output, in node order, so the
/// same graph always gets the same bytes. Entries for values that no longer exist are dropped; graph outputs
/// that declare no shape get one.
/// </summary>
public static class InferredValueInfo
{
    // ONNX Runtime names dimensions it cannot work out "unk__N" with N counting per session: not stable between
    // runs of different graphs, so they are written as unknown dimensions instead.
    private const string GeneratedDim = "unk__";

    /// <summary>Replaces the value_info of <paramref name="model"/> with <paramref name="types"/> (by value name).</summary>
    public static void Write(OnnxModel model, IReadOnlyDictionary<string, TypeProto> types)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(types);
        var graph = model.Graph;
        var proto = graph.Proto;
        var outputs = proto.Output.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var previous = new Dictionary<string, ValueInfoProto>(StringComparer.Ordinal);
        foreach (var info in proto.ValueInfo)
        {
            previous.TryAdd(info.Name, info);
        }

        var initializers = proto.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var written = new HashSet<string>(StringComparer.Ordinal);
        proto.ValueInfo.Clear();
        foreach (var value in proto.Node.SelectMany(n => n.Output).Where(o => o.Length > 0 && !initializers.Contains(o)))
        {
            if (!written.Add(value))
            {
                continue;
            }

            var type = types.TryGetValue(value, out var inferred) ? Stable(inferred) : null;
            if (outputs.TryGetValue(value, out var output))
            {
                if (type is not null && output.Type?.TensorType?.Shape is null && output.Type?.SequenceType is null)
                {
                    output.Type = type;
                }

                continue;
            }

            if (type is not null)
            {
                proto.ValueInfo.Add(new ValueInfoProto { Name = value, Type = type });
            }
            else if (previous.TryGetValue(value, out var known))
            {
                proto.ValueInfo.Add(known);
            }
        }

        graph.Invalidate();
    }

    private static TypeProto Stable(TypeProto type)
    {
        var copy = type.Clone();
        foreach (var dim in Dims(copy).Where(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam
            && d.DimParam.StartsWith(GeneratedDim, StringComparison.Ordinal)))
        {
            dim.ClearValue();
        }

        return copy;
    }

    private static IEnumerable<TensorShapeProto.Types.Dimension> Dims(TypeProto type) => type.ValueCase switch
    {
        TypeProto.ValueOneofCase.TensorType => type.TensorType.Shape?.Dim ?? [],
        TypeProto.ValueOneofCase.SequenceType => Dims(type.SequenceType.ElemType),
        TypeProto.ValueOneofCase.OptionalType => Dims(type.OptionalType.ElemType),
        _ => [],
    };
}
