namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// Split along the channel axis hands each output the channel runs it covers; its cuts must fall between runs
/// (a cut inside one Conv's channels would need both parts pruned alike), and the split sizes are rewritten: the
/// attribute before opset 13, the sizes input after, explicit sizes for an equal split (<see cref="SplitSizesRewrite"/>).
/// Slice, and Split along another axis, pass the channels through when they leave the channel axis whole.
/// </summary>
internal sealed class SplitChannelHandler : IChannelOpHandler
{
    public void Trace(OnnxNode node, ChannelTracer tracer)
    {
        if (tracer.Layout(node.Input(0)) is not { } input)
        {
            return;
        }

        if (node.OpType == "Slice")
        {
            TraceSlice(node, tracer, input);
            return;
        }

        var axis = node.GetInt("axis", 0);
        axis = axis < 0 ? axis + input.Rank : axis;
        if (axis != input.Axis)
        {
            foreach (var output in node.Outputs)
            {
                tracer.SetLayout(output, input);
            }

            return;
        }

        var sizes = Sizes(node, tracer, input, out var asAttribute);
        var parts = sizes is null ? null : Cut(input, sizes);
        if (parts is null)
        {
            tracer.Block(input, $"Split '{node.DisplayName}' cuts the channels where they cannot be cut (give constant split sizes at the boundaries of the Conv outputs)");
            return;
        }

        tracer.Rewrite(new SplitSizesRewrite(node, parts, input.Block, asAttribute));
        for (var i = 0; i < parts.Count && i < node.Outputs.Count; i++)
        {
            tracer.SetLayout(node.Outputs[i], input with { Segments = parts[i] });
        }
    }

    // The sizes from the attribute (opset < 13), the sizes input (an initializer this Split alone reads), or, with
    // neither, equal parts (num_outputs from opset 18: the last part takes the remainder).
    private static long[]? Sizes(OnnxNode node, ChannelTracer tracer, ChannelLayout input, out bool asAttribute)
    {
        asAttribute = tracer.Model.OpsetVersion() < 13;
        if (asAttribute && node.GetInts("split") is { } attribute)
        {
            return attribute.ToArray();
        }

        var sizesInput = node.Input(1);
        if (!asAttribute && sizesInput.Length > 0)
        {
            return tracer.IsConstant(sizesInput) && tracer.Graph.TryGetInitializer(sizesInput, out var t) ? t.ToInt64Array() : null;
        }

        var count = node.GetInt("num_outputs", node.Outputs.Count);
        if (count < 1)
        {
            return null;
        }

        var each = (input.Length + count - 1) / count;
        return Enumerable.Range(0, (int)count).Select(i => Math.Min(each, input.Length - (i * each))).ToArray();
    }

    private static void TraceSlice(OnnxNode node, ChannelTracer tracer, ChannelLayout input)
    {
        var axes = AxesOf.Read(node, tracer, "axes", 3, input.Rank);
        var startsGiven = node.Input(1).Length > 0 || node.HasAttribute("starts");
        if (axes is null || (axes.Length == 0 && startsGiven) || axes.Contains(input.Axis))
        {
            tracer.Block(input, $"Slice '{node.DisplayName}' cuts the channel axis (or its axes are not constant)");
            return;
        }

        tracer.SetLayout(node.Output(0), input);
    }

    private static List<IReadOnlyList<ChannelSegment>>? Cut(ChannelLayout input, long[] sizes)
    {
        var parts = new List<IReadOnlyList<ChannelSegment>>();
        var queue = new Queue<ChannelSegment>(input.Segments);
        foreach (var size in sizes)
        {
            if (size % input.Block != 0)
            {
                return null;
            }

            var want = size / input.Block;
            var part = new List<ChannelSegment>();
            while (want > 0 && queue.TryDequeue(out var segment))
            {
                if (segment.Count > want)
                {
                    if (segment.IsPrunable)
                    {
                        return null;
                    }

                    part.Add(segment with { Count = want });
                    queue = new Queue<ChannelSegment>(queue.Prepend(segment with { Count = segment.Count - want }));
                    want = 0;
                    break;
                }

                part.Add(segment);
                want -= segment.Count;
            }

            if (want != 0)
            {
                return null;
            }

            parts.Add(part);
        }

        return queue.Count == 0 ? parts : null;
    }
}
