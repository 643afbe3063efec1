namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// Conv: reads channels on the weight's axis 1 (a block of elements per channel after a depthwise multiplier) and
/// produces new ones on axis 0 (with the bias). A depthwise Conv (one group per input channel, k outputs per group)
/// passes its input's channels through as blocks of k and its <c>group</c> shrinks with them. Another grouped Conv keeps its <c>group</c>: its outputs, and the channels it
/// reads, must lose as many from each group (<see cref="ChannelTracer.RequirePartitions"/>), and its weight's
/// axis 1 is sliced group by group.
/// </summary>
internal sealed class ConvChannelHandler : IChannelOpHandler
{
    public void Trace(OnnxNode node, ChannelTracer tracer)
    {
        var (x, w, b, y) = (node.Input(0), node.Input(1), node.Input(2), node.Output(0));
        var group = node.GetInt("group", 1);
        var input = tracer.Layout(x);
        var outChannels = tracer.Dims(w) is [{ } o, ..] ? o : -1;
        if (group > 1 && input is { Block: 1, Axis: 1 } && group == input.Channels && outChannels > 0 && outChannels % group == 0)
        {
            // Depthwise (with a channel multiplier k: input channel c makes outputs c·k … c·k + k − 1): a channel
            // and its k outputs go together, so the group count shrinks with the channels.
            var output = input with { Block = outChannels / group };
            tracer.Slice(w, 0, output, SliceRole.OutputWeight, node);
            if (b.Length > 0)
            {
                tracer.Slice(b, 0, output, SliceRole.Bias, node);
            }

            tracer.Rewrite(new GroupAttributeRewrite(node, input.Segments));
            tracer.SetLayout(y, output);
            return;
        }

        if (input is not null)
        {
            if (input.Axis != 1 || (group > 1 && input.Block != 1))
            {
                tracer.Block(input, $"Conv '{node.DisplayName}' reads channels that are not on axis 1");
            }
            else if (group > 1)
            {
                TraceGroupedInput(node, tracer, input, group);
            }
            else
            {
                tracer.Slice(w, 1, input, SliceRole.InputWeight, node);
            }
        }

        if (outChannels > 0 && outChannels % group == 0 && tracer.IsOwnInitializer(w) && tracer.Dims(w) is { Length: >= 3 } dims)
        {
            var source = tracer.NewSource(node, outChannels);
            tracer.RequirePartitions(source, group);
            var output = ChannelLayout.Single(1, dims.Length, source, outChannels);
            tracer.Slice(w, 0, output, SliceRole.OutputWeight, node);
            if (b.Length > 0)
            {
                tracer.Slice(b, 0, output, SliceRole.Bias, node);
            }

            tracer.SetLayout(y, output);
        }
    }

    // Each group reads its own run of input channels: they can shrink only as one source, the same count per group.
    private static void TraceGroupedInput(OnnxNode node, ChannelTracer tracer, ChannelLayout input, long group)
    {
        if (input.Segments is not [{ IsPrunable: true }])
        {
            tracer.Block(input, $"grouped Conv '{node.DisplayName}' (group {group}) reads channels of several sources or fixed ones");
        }
        else if (input.Channels / group < 2)
        {
            tracer.Block(input, $"grouped Conv '{node.DisplayName}' (group {group}) reads one channel per group, which cannot shrink without its outputs");
        }
        else
        {
            tracer.SliceGrouped(node.Input(1), group, input, node);
        }
    }
}

/// <summary>
/// Gemm: reads channels on the feature axis of B (axis 1 when transB, else 0), produces new ones on the other
/// axis and on a per-column bias C.
/// </summary>
internal sealed class GemmChannelHandler : IChannelOpHandler
{
    public void Trace(OnnxNode node, ChannelTracer tracer)
    {
        var (a, b, c, y) = (node.Input(0), node.Input(1), node.Input(2), node.Output(0));
        var transB = node.GetInt("transB", 0) != 0;
        if (tracer.Layout(b) is { } weightLayout)
        {
            tracer.Block(weightLayout, $"Gemm '{node.DisplayName}' reads them as its weight B");
        }

        if (tracer.Layout(a) is { } input)
        {
            if (node.GetInt("transA", 0) != 0 || input.Axis != 1 || input.Rank != 2)
            {
                tracer.Block(input, $"Gemm '{node.DisplayName}' reads them transposed");
            }
            else
            {
                tracer.Slice(b, transB ? 1 : 0, input, SliceRole.InputWeight, node);
            }
        }

        if (!tracer.IsOwnInitializer(b) || tracer.Dims(b) is not [{ } rows, { } cols])
        {
            return;
        }

        var n = transB ? rows : cols;
        var output = ChannelLayout.Single(1, 2, tracer.NewSource(node, n), n);
        tracer.Slice(b, transB ? 0 : 1, output, SliceRole.OutputWeight, node);
        switch (c.Length > 0 ? tracer.Dims(c) : [])
        {
            case []:
            case [1]:
            case [1, 1]:
                break;
            case [{ } len] when len == n:
                tracer.Slice(c, 0, output, SliceRole.Bias, node);
                break;
            case [1, { } len] when len == n:
                tracer.Slice(c, 1, output, SliceRole.Bias, node);
                break;
            default:
                tracer.Block(output, $"Gemm '{node.DisplayName}' has a bias C that is not one value per output");
                break;
        }

        tracer.SetLayout(y, output);
    }
}

/// <summary>MatMul with a 2-D initializer as B: reads channels on B's axis 0, produces new ones on axis 1.</summary>
internal sealed class MatMulChannelHandler : IChannelOpHandler
{
    public void Trace(OnnxNode node, ChannelTracer tracer)
    {
        var (a, b, y) = (node.Input(0), node.Input(1), node.Output(0));
        if (tracer.Layout(b) is { } right)
        {
            tracer.Block(right, $"MatMul '{node.DisplayName}' reads them as its right operand");
        }

        var weight = tracer.IsOwnInitializer(b) && tracer.Dims(b) is [{ }, { }];
        if (tracer.Layout(a) is { } input)
        {
            if (!weight || input.Axis != input.Rank - 1)
            {
                tracer.Block(input, $"MatMul '{node.DisplayName}' does not read them as rows of a weight initializer");
            }
            else
            {
                tracer.Slice(b, 0, input, SliceRole.InputWeight, node);
            }
        }

        if (weight && tracer.Dims(b) is [_, { } n] && tracer.Dims(y) is { Length: >= 2 } dims)
        {
            var output = ChannelLayout.Single(dims.Length - 1, dims.Length, tracer.NewSource(node, n), n);
            tracer.Slice(b, 1, output, SliceRole.OutputWeight, node);
            tracer.SetLayout(y, output);
        }
    }
}
