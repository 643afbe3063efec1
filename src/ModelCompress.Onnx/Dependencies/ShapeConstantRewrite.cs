namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// An int64 initializer read by <see cref="Node"/> (a Reshape target, Split sizes) whose entries count the
/// channels of some segments times a block: after pruning each such entry is recomputed from what is kept.
/// Entries given as null keep their value (−1, 0, batch size). A constant other nodes read too is copied first.
/// </summary>
public sealed class ShapeConstantRewrite(OnnxNode node, int input, IReadOnlyList<(IReadOnlyList<ChannelSegment> Segments, long Block)?> entries)
    : ChannelRewrite
{
    /// <inheritdoc />
    public override OnnxNode Node => node;

    internal override void Apply(OnnxGraph graph, Func<ChannelSegment, long> kept)
    {
        var name = OwnInitializer(graph, node, input);
        var values = graph.TryGetInitializer(name, out var tensor)
            ? tensor.ToInt64Array()
            : throw new InvalidOperationException($"Node '{node.DisplayName}' lost its shape constant '{name}'.");
        for (var i = 0; i < entries.Count && i < values.Length; i++)
        {
            if (entries[i] is { } entry)
            {
                values[i] = checked(KeptChannels(entry.Segments, kept) * entry.Block);
            }
        }

        graph.SetInitializer(OnnxTensor.FromInt64s(name, tensor.Dims, values));
    }
}
