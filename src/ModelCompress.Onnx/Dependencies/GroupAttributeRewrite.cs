namespace ModelCompress.Onnx.Dependencies;

/// <summary>A depthwise Conv has one group per channel, so its <c>group</c> shrinks with them.</summary>
public sealed class GroupAttributeRewrite(OnnxNode node, IReadOnlyList<ChannelSegment> segments) : ChannelRewrite
{
    /// <inheritdoc />
    public override OnnxNode Node => node;

    internal override void Apply(OnnxGraph graph, Func<ChannelSegment, long> kept) =>
        node.SetAttribute("group", KeptChannels(segments, kept));
}
