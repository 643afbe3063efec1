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

    /// <summary>Channels left in <paramref name="segments"/>.</summary>
    protected static long KeptChannels(IEnumerable<ChannelSegment> segments, Func<ChannelSegment, long> kept) =>
        segments.Sum(kept);
}
