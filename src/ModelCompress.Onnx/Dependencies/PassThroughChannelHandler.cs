namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// Ops that keep each channel apart and leave the channel axis where it is: activations, pooling, Resize
/// (scales only), Pad (no padding on the channel axis). Output 0 carries input 0's layout; any other input
/// must not carry channels.
/// </summary>
internal sealed class PassThroughChannelHandler : IChannelOpHandler
{
    public void Trace(OnnxNode node, ChannelTracer tracer)
    {
        tracer.BlockParameterInputs(node);

        if (tracer.Layout(node.Input(0)) is not { } input)
        {
            return;
        }

        if (Problem(node, tracer, input) is { } problem)
        {
            tracer.Block(input, problem);
            return;
        }

        tracer.SetLayout(node.Output(0), input);
    }

    private static string? Problem(OnnxNode node, ChannelTracer tracer, ChannelLayout input)
    {
        switch (node.OpType)
        {
            case "Resize" or "Upsample" when node.Input(3).Length > 0:
                return $"Resize '{node.DisplayName}' is given output sizes (which state the channel count)";
            case "Pad":
                var pads = node.Input(1).Length > 0
                    ? tracer.Graph.TryGetInitializer(node.Input(1), out var p) ? p.ToInt64Array() : null
                    : node.GetInts("pads")?.ToArray();
                return pads is null || pads.Length != 2 * input.Rank || node.Input(3).Length > 0
                    ? $"Pad '{node.DisplayName}' has pads that are not a constant over all axes"
                    : pads[input.Axis] != 0 || pads[input.Axis + input.Rank] != 0
                        ? $"Pad '{node.DisplayName}' pads the channel axis"
                        : null;
            case "MaxPool" or "AveragePool" or "LpPool" or "GlobalAveragePool" or "GlobalMaxPool" or "GlobalLpPool" or "MaxRoiPool"
                when input.Axis != 1:
                return $"{node.OpType} '{node.DisplayName}' reads channels that are not on axis 1";
            default:
                return null;
        }
    }
}
