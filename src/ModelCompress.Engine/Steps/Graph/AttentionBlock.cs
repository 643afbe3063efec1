namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// A BERT-style self-attention as PyTorch exports it: Q, K and V projections (MatMul with a weight initializer, bias
/// Add) each split into heads by a Reshape with a constant [.., .., heads, head_size] and a Transpose; MatMul(Q, Kᵀ),
/// scaling/mask ops, Softmax, MatMul with V, a Transpose and a Reshape with a constant merging the heads, and the
/// output projection. Head h owns columns [h·d, (h+1)·d) of each projection and rows [h·d, (h+1)·d) of the output.
/// </summary>
internal sealed record AttentionBlock(
    string Name,
    IReadOnlyList<(OnnxNode MatMul, string? Bias, OnnxNode Reshape)> Projections,
    OnnxNode Merge,
    OnnxNode Output,
    int Heads,
    int HeadSize,
    IReadOnlyList<string> Values)
{
    private static readonly HashSet<string> ScoreOps = new(StringComparer.Ordinal) { "Add", "Sub", "Mul", "Div", "Where" };

    /// <summary>The attention around a Softmax, or null with the reason it is not one (Shape readers of its values are ignored: they see no head data).</summary>
    public static (AttentionBlock? Block, string? Why) From(OnnxGraph graph, OnnxNode softmax)
    {
        var values = new List<string>();
        var node = graph.Producer(softmax.Input(0));
        while (node is not null && ScoreOps.Contains(node.OpType))
        {
            values.Add(node.Output(0));
            node = graph.Producer(node.Input(0));
        }

        if (node is not { OpType: "MatMul" } scores)
        {
            return (null, "its input does not come from MatMul(Q, Kᵀ) through scaling or mask ops");
        }

        var consumers = graph.Consumers(softmax.Output(0));
        if (consumers is not [{ OpType: "MatMul" } context] || context.Input(0) != softmax.Output(0)
            || graph.Consumers(context.Output(0)) is not [{ OpType: "Transpose" } merged]
            || graph.Consumers(merged.Output(0)).Where(c => c.OpType != "Shape").ToList() is not [{ OpType: "Reshape" } merge]
            || graph.Consumers(merge.Output(0)) is not [{ OpType: "MatMul" } output]
            || !IsWeight(graph, output.Input(1)))
        {
            return (null, "its probabilities do not flow through MatMul(V), Transpose, Reshape into a projection");
        }

        values.AddRange([scores.Output(0), softmax.Output(0), context.Output(0), merged.Output(0), merge.Output(0)]);
        var projections = new List<(OnnxNode, string?, OnnxNode)>();
        foreach (var side in new[] { scores.Input(0), scores.Input(1), context.Input(1) })
        {
            if (Projection(graph, side, values) is not { } projection)
            {
                return (null, $"'{side}' is not a projection split into heads by a Reshape with a constant shape");
            }

            projections.Add(projection);
        }

        var shapes = projections.Select(p => ShapeOf(graph, p.Item3)!).ToList();
        var (heads, size) = (shapes[0][2], shapes[0][3]);
        if (shapes.Any(s => s[2] != heads || s[3] != size) || heads < 2 || size < 1
            || ShapeOf(graph, merge) is not { Length: 3 })
        {
            return (null, "the head counts and sizes of Q, K and V do not agree");
        }

        return (new AttentionBlock(softmax.DisplayName, projections, merge, output, (int)heads, (int)size, values), null);
    }

    // Back from a head tensor: Transposes, the Reshape with a constant 4-element shape, an optional bias Add, the MatMul.
    private static (OnnxNode, string?, OnnxNode)? Projection(OnnxGraph graph, string value, List<string> values)
    {
        var node = graph.Producer(value);
        while (node is { OpType: "Transpose" })
        {
            values.Add(node.Output(0));
            node = graph.Producer(node.Input(0));
        }

        if (node is not { OpType: "Reshape" } reshape || ShapeOf(graph, reshape) is not { Length: 4 })
        {
            return null;
        }

        values.Add(reshape.Output(0));
        var producer = graph.Producer(reshape.Input(0));
        string? bias = null;
        if (producer is { OpType: "Add" } add)
        {
            var constant = add.Inputs.FirstOrDefault(i => graph.IsInitializer(i));
            var other = add.Inputs.FirstOrDefault(i => !graph.IsInitializer(i));
            if (constant is null || other is null)
            {
                return null;
            }

            values.Add(add.Output(0));
            bias = constant;
            producer = graph.Producer(other);
        }

        if (producer is not { OpType: "MatMul" } matmul || !IsWeight(graph, matmul.Input(1)))
        {
            return null;
        }

        values.Add(matmul.Output(0));
        return (matmul, bias, reshape);
    }

    /// <summary>Marks a shape entry computed at run time (Shape → Gather → Unsqueeze into a Concat).</summary>
    public const long Computed = long.MinValue;

    /// <summary>
    /// The shape input of a Reshape: a constant (initializer or Constant node), or a Concat of constants and
    /// one-element sizes computed at run time (as torch.onnx.export writes with a dynamic batch), those entries
    /// <see cref="Computed"/>; null when it cannot be read.
    /// </summary>
    public static long[]? ShapeOf(OnnxGraph graph, OnnxNode reshape)
    {
        if (Constant(graph, reshape.Input(1)) is { } constant)
        {
            return constant;
        }

        if (graph.Producer(reshape.Input(1)) is not { OpType: "Concat" } concat)
        {
            return null;
        }

        var dims = new List<long>();
        foreach (var part in concat.Inputs)
        {
            if (Constant(graph, part) is { } values)
            {
                dims.AddRange(values);
            }
            else if (graph.Producer(part) is { OpType: "Unsqueeze" } unsqueeze && graph.Producer(unsqueeze.Input(0)) is { OpType: "Gather" } gather
                && Constant(graph, gather.Input(1)) is { Length: 1 } && graph.Producer(gather.Input(0)) is { OpType: "Shape" })
            {
                dims.Add(Computed);
            }
            else
            {
                return null;
            }
        }

        return [.. dims];
    }

    /// <summary>Sets entry <paramref name="index"/> (a constant one) of a Reshape's shape to <paramref name="value"/>, in a constant of its own.</summary>
    public static void SetShape(OnnxGraph graph, OnnxNode reshape, int index, long value)
    {
        var (owner, input, offset) = (reshape, 1, 0);
        if (Constant(graph, reshape.Input(1)) is null)
        {
            // A Concat: find the constant part that holds the entry.
            owner = graph.Producer(reshape.Input(1))!;
            for (input = 0; ; input++)
            {
                var length = Constant(graph, owner.Input(input))?.Length ?? 1;
                if (index < offset + length)
                {
                    break;
                }

                offset += length;
            }
        }

        var dims = Constant(graph, owner.Input(input))!;
        dims[index - offset] = value;
        var name = graph.UniqueName(owner.Input(input) + "_pruned");
        graph.SetInitializer(OnnxTensor.FromInt64s(name, [dims.Length], dims));
        owner.SetInput(input, name);
        graph.Invalidate();
    }

    private static long[]? Constant(OnnxGraph graph, string name)
    {
        if (graph.TryGetInitializer(name, out var shape))
        {
            return shape.ToInt64Array();
        }

        return graph.Producer(name) is { OpType: "Constant" } constant && constant.GetTensor("value") is { } value ? value.ToInt64Array() : null;
    }

    private static bool IsWeight(OnnxGraph graph, string name) =>
        graph.TryGetInitializer(name, out var w) && w.DataType == OnnxDataType.Float && w.Dims.Count == 2 && graph.Consumers(name).Count == 1;
}
