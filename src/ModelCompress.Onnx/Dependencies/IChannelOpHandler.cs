namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// The channel rule of one op type: from the layouts of a node's inputs, the layouts of its outputs, the
/// slices it adds to groups, the groups it ties together, and the groups it blocks.
/// </summary>
public interface IChannelOpHandler
{
    /// <summary>Traces <paramref name="node"/>; every input with a layout must be accounted for (sliced, passed on, or blocked).</summary>
    void Trace(OnnxNode node, ChannelTracer tracer);
}
