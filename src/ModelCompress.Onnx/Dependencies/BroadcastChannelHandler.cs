namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// Element-wise ops with broadcasting (Add, Sub, Mul, Div, Sum, Max, Min, Mean, PRelu, Where operands):
/// tensors with channels are tied together (a residual Add makes one group of both branches), per-channel
/// constants are sliced, and a computed tensor without channels that varies along the channel axis blocks.
/// </summary>
internal sealed class BroadcastChannelHandler : IChannelOpHandler
{
    public void Trace(OnnxNode node, ChannelTracer tracer)
    {
        var layouts = node.Inputs.Select(tracer.Layout).OfType<ChannelLayout>().ToList();
        if (layouts.Count == 0)
        {
            return;
        }

        var rank = tracer.Dims(node.Output(0))?.Length ?? layouts.Max(l => l.Rank);
        var aligned = layouts.Select(l => l.Moved(l.Axis + rank - l.Rank, rank)).ToList();
        var first = aligned[0];
        if (aligned.Any(l => l.Axis != first.Axis) || aligned.Skip(1).Any(l => !tracer.Unite(first, l)))
        {
            tracer.Block(layouts, $"{node.OpType} '{node.DisplayName}' combines channels that do not line up");
            return;
        }

        foreach (var value in node.Inputs.Where(v => v.Length > 0 && tracer.Layout(v) is null).Distinct())
        {
            var dims = tracer.Dims(value);
            var at = dims is null ? -1 : first.Axis - (rank - dims.Length);
            var extent = dims is null ? null : at >= 0 ? dims[at] : 1;
            if (extent == 1)
            {
                continue;
            }

            if (extent == first.Length && tracer.Graph.IsInitializer(value))
            {
                tracer.Slice(value, at, first, SliceRole.Constant, node);
                continue;
            }

            tracer.Block(layouts, $"{node.OpType} '{node.DisplayName}' combines them with '{value}', which varies along the channel axis");
            return;
        }

        tracer.SetLayout(node.Output(0), first);
    }
}
