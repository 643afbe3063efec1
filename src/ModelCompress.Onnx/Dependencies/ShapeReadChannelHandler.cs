namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// Shape and Size read only a tensor's dims, never its values: the channels pass into nothing. What is computed from
/// the shape (a Reshape target, say) is computed again at run time from the pruned shape, so it follows by itself.
/// </summary>
internal sealed class ShapeReadChannelHandler : IChannelOpHandler
{
    public void Trace(OnnxNode node, ChannelTracer tracer)
    {
    }
}
