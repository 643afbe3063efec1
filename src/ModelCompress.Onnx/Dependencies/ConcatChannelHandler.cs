namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// Concat along the channel axis lays the inputs' channel runs end to end (each keeps its own group, at an
/// offset); inputs without prunable channels become fixed runs. Along another axis, the inputs' channels are
/// combined element by element, as in a residual Add.
/// </summary>
internal sealed class ConcatChannelHandler : IChannelOpHandler
{
    public void Trace(OnnxNode node, ChannelTracer tracer)
    {
        var layouts = node.Inputs.Select(tracer.Layout).OfType<ChannelLayout>().ToList();
        if (layouts.Count == 0)
        {
            return;
        }

        var first = layouts[0];
        var axis = node.GetInt("axis", 1);
        axis = axis < 0 ? axis + first.Rank : axis;
        if (layouts.Any(l => l.Axis != first.Axis || l.Rank != first.Rank))
        {
            tracer.Block(layouts, $"Concat '{node.DisplayName}' joins inputs whose channels lie on different axes");
            return;
        }

        if (axis != first.Axis)
        {
            if (layouts.Count != node.Inputs.Count || layouts.Skip(1).Any(l => !tracer.Unite(first, l)))
            {
                tracer.Block(layouts, $"Concat '{node.DisplayName}' joins, along another axis, tensors whose channels do not line up");
                return;
            }

            tracer.SetLayout(node.Output(0), first);
            return;
        }

        var segments = new List<ChannelSegment>();
        foreach (var value in node.Inputs)
        {
            if (tracer.Layout(value) is { } layout && layout.Block == first.Block)
            {
                segments.AddRange(layout.Segments);
            }
            else if (tracer.Layout(value) is null && tracer.Dims(value) is { } dims && axis < dims.Length &&
                     dims[axis] is { } extent && extent % first.Block == 0)
            {
                segments.Add(new ChannelSegment(ChannelSegment.Fixed, extent / first.Block));
            }
            else
            {
                tracer.Block(layouts, $"Concat '{node.DisplayName}' joins channels with an input of unknown or mismatched size ('{value}')");
                return;
            }
        }

        tracer.SetLayout(node.Output(0), first with { Segments = segments });
    }
}
