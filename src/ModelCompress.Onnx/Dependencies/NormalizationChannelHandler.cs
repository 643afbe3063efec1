namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// BatchNormalization and InstanceNormalization normalize each channel on its own: their per-channel tensors
/// (γ, β, running mean and variance) are sliced and the channels pass through.
/// </summary>
internal sealed class NormalizationChannelHandler : IChannelOpHandler
{
    public void Trace(OnnxNode node, ChannelTracer tracer)
    {
        tracer.BlockParameterInputs(node);

        if (tracer.Layout(node.Input(0)) is not { } input)
        {
            return;
        }

        // Each element of axis 1 is normalized on its own, so a block of them per channel (after a depthwise
        // multiplier or a Flatten) slices like single ones.
        if (input.Axis != 1)
        {
            tracer.Block(input, $"{node.OpType} '{node.DisplayName}' normalizes axis 1, not the channel axis");
            return;
        }

        for (var i = 1; i < node.Inputs.Count && i < 5; i++)
        {
            if (node.Inputs[i].Length > 0)
            {
                tracer.Slice(node.Inputs[i], 0, input, i == 1 ? SliceRole.NormScale : SliceRole.NormOther, node);
            }
        }

        tracer.SetLayout(node.Output(0), input);
    }
}
