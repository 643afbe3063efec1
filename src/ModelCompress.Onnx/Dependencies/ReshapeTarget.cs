namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// The target shape of a Reshape as the channel rules read it: a constant initializer, or a value computed from
/// <c>Shape</c> (PyTorch's <c>x.view(x.size(0), -1)</c> with a dynamic batch, tf2onnx's Shape → Slice → Concat),
/// whose entries are dims (a symbolic batch stays a symbol). For each entry, where it is written: which input of
/// which node holds it as a constant, so that pruning can rewrite a literal feature count.
/// </summary>
internal sealed class ReshapeTarget
{
    private readonly (OnnxNode Node, int Input, int Offset)?[] _holders;

    private ReshapeTarget(OnnxDim[] entries, (OnnxNode, int, int)?[] holders)
    {
        Entries = entries;
        _holders = holders;
    }

    /// <summary>The target's entries (0 and −1 keep their Reshape meaning).</summary>
    public OnnxDim[] Entries { get; }

    /// <summary>Reads the target of <paramref name="reshape"/>, or null when it is neither constant nor computed from Shape.</summary>
    public static ReshapeTarget? Read(OnnxNode reshape, ChannelTracer tracer)
    {
        var name = reshape.Input(1);
        if (tracer.Graph.TryGetInitializer(name, out var constant) && constant.Dims.Count == 1)
        {
            var values = constant.ToInt64Array();
            return new ReshapeTarget(values.Select(OnnxDim.Of).ToArray(), values.Select((_, i) => ((OnnxNode, int, int)?)(reshape, 1, i)).ToArray());
        }

        if (tracer.Shapes.ShapeValue(name) is not { } computed)
        {
            return null;
        }

        var holders = new (OnnxNode, int, int)?[computed.Count];
        if (tracer.Graph.Producer(name) is { OpType: "Concat" } concat)
        {
            var at = 0;
            for (var i = 0; i < concat.Inputs.Count && at < holders.Length; i++)
            {
                var length = tracer.Dims(concat.Input(i)) is [{ } n] ? (int)n : 1;
                for (var j = 0; j < length && at + j < holders.Length; j++)
                {
                    holders[at + j] = tracer.Graph.IsInitializer(concat.Input(i)) ? (concat, i, j) : null;
                }

                at += length;
            }
        }

        return new ReshapeTarget(computed.ToArray(), holders);
    }

    /// <summary>
    /// The rewrite that writes <paramref name="segments"/> × <paramref name="block"/> into entry <paramref name="index"/>,
    /// or null when the entry is computed, or a Concat building it feeds other nodes too (a shared constant is copied).
    /// </summary>
    public ShapeConstantRewrite? Rewrite(int index, IReadOnlyList<ChannelSegment> segments, long block, ChannelTracer tracer)
    {
        if (_holders[index] is not var (node, input, offset) || !tracer.IsConstant(node.Input(input)) ||
            (node.OpType == "Concat" && tracer.Graph.Consumers(node.Output(0)).Count != 1))
        {
            return null;
        }

        var entries = Enumerable.Repeat<(IReadOnlyList<ChannelSegment>, long)?>(null, offset).Append((segments, block)).ToList();
        return new ShapeConstantRewrite(node, input, entries);
    }
}
