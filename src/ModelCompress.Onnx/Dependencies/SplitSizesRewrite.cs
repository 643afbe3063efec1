namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// The sizes of a Split along the channel axis, written where the opset keeps them: the <c>split</c> attribute
/// before opset 13, the sizes input from 13 on. A Split that cut into equal parts (no sizes, or
/// <c>num_outputs</c>) gets explicit sizes, since its pruned parts need not stay equal.
/// </summary>
public sealed class SplitSizesRewrite(OnnxNode node, IReadOnlyList<IReadOnlyList<ChannelSegment>> parts, long block, bool asAttribute)
    : ChannelRewrite
{
    /// <inheritdoc />
    public override OnnxNode Node => node;

    internal override void Apply(OnnxGraph graph, Func<ChannelSegment, long> kept)
    {
        var sizes = parts.Select(p => checked(KeptChannels(p, kept) * block)).ToArray();
        if (asAttribute)
        {
            node.SetAttribute("split", sizes);
            return;
        }

        var name = node.Input(1).Length > 0 ? OwnInitializer(graph, node, 1) : string.Empty;
        if (name.Length == 0)
        {
            name = graph.UniqueName($"{node.DisplayName}_split_sizes");
            node.SetInput(1, name);
            node.RemoveAttribute("num_outputs");
        }

        graph.SetInitializer(OnnxTensor.FromInt64s(name, [sizes.Length], sizes));
    }
}
