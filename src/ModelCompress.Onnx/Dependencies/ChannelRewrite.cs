namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// A change beyond slicing initializers that pruning needs: an attribute or a shape constant that states a
/// channel count (a depthwise Conv's <c>group</c>, a Reshape target, Split sizes).
/// </summary>
public abstract class ChannelRewrite
{
    /// <summary>The node that is rewritten.</summary>
    public abstract OnnxNode Node { get; }

    /// <summary>Applies the change; <paramref name="kept"/> tells how many channels of a segment remain.</summary>
    internal abstract void Apply(OnnxGraph graph, Func<ChannelSegment, long> kept);

    /// <summary>
    /// The initializer input <paramref name="input"/> of <paramref name="node"/> reads, first copied under a fresh name
    /// when other nodes read it too (exporters share shape constants), so that rewriting it changes this node only.
    /// </summary>
    protected static string OwnInitializer(OnnxGraph graph, OnnxNode node, int input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(node);
        var name = node.Input(input);
        if (graph.Consumers(name).Count > 1 && graph.TryGetInitializer(name, out var shared))
        {
            var copy = graph.UniqueName(name);
            graph.SetInitializer(OnnxTensor.FromInt64s(copy, shared.Dims, shared.ToInt64Array()));
            node.SetInput(input, copy);
            return copy;
        }

        return name;
    }

    /// <summary>Channels left in <paramref name="segments"/>.</summary>
    protected static long KeptChannels(IEnumerable<ChannelSegment> segments, Func<ChannelSegment, long> kept) =>
        segments.Sum(kept);
}
