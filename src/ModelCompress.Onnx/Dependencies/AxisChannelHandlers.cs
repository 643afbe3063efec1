namespace ModelCompress.Onnx.Dependencies;

/// <summary>Reads an op's axes from its attribute (older opsets) or from a constant input (newer ones).</summary>
internal static class AxesOf
{
    /// <summary>The axes, normalized to non-negative for <paramref name="rank"/>; empty when none are given; null when not constant.</summary>
    public static long[]? Read(OnnxNode node, ChannelTracer tracer, string attribute, int input, int rank)
    {
        long[]? axes = node.GetInts(attribute)?.ToArray();
        if (axes is null && node.Input(input).Length > 0)
        {
            axes = tracer.Graph.TryGetInitializer(node.Input(input), out var t) ? t.ToInt64Array() : null;
            if (axes is null)
            {
                return null;
            }
        }

        return (axes ?? []).Select(a => a < 0 ? a + rank : a).ToArray();
    }
}

/// <summary>Transpose moves the channel axis to where the permutation puts it.</summary>
internal sealed class TransposeChannelHandler : IChannelOpHandler
{
    public void Trace(OnnxNode node, ChannelTracer tracer)
    {
        if (tracer.Layout(node.Input(0)) is not { } input)
        {
            return;
        }

        var perm = node.GetInts("perm")?.ToList() ?? Enumerable.Range(0, input.Rank).Reverse().Select(i => (long)i).ToList();
        tracer.SetLayout(node.Output(0), input.Moved(perm.IndexOf(input.Axis), input.Rank));
    }
}

/// <summary>
/// Squeeze, Unsqueeze and the Reduce ops over other axes: the channel axis moves as axes are removed or
/// inserted. Reducing over the channel axis mixes channels and blocks.
/// </summary>
internal sealed class AxesChannelHandler : IChannelOpHandler
{
    public void Trace(OnnxNode node, ChannelTracer tracer)
    {
        if (tracer.Layout(node.Input(0)) is not { } input)
        {
            return;
        }

        var unsqueeze = node.OpType == "Unsqueeze";
        var outRank = tracer.Dims(node.Output(0))?.Length;
        var axes = outRank is { } r ? AxesOf.Read(node, tracer, "axes", 1, unsqueeze ? r : input.Rank) : null;
        if (axes is null || outRank is null)
        {
            tracer.Block(input, $"{node.OpType} '{node.DisplayName}' has axes that are not constant");
            return;
        }

        if (node.OpType == "Squeeze" && axes.Length == 0 && tracer.Dims(node.Input(0)) is { } inDims)
        {
            axes = Enumerable.Range(0, inDims.Length).Where(i => inDims[i] == 1).Select(i => (long)i).ToArray();
        }

        var isReduce = node.OpType.StartsWith("Reduce", StringComparison.Ordinal);
        if (isReduce && (axes.Contains(input.Axis) || (axes.Length == 0 && node.GetInt("noop_with_empty_axes", 0) == 0)) ||
            node.OpType == "Squeeze" && axes.Contains(input.Axis))
        {
            tracer.Block(input, $"{node.OpType} '{node.DisplayName}' reduces over the channel axis");
            return;
        }

        var axis = unsqueeze
            ? Enumerable.Range(0, outRank.Value).Where(i => !axes.Contains(i)).ElementAt(input.Axis)
            : outRank == input.Rank ? input.Axis : input.Axis - axes.Count(a => a < input.Axis);
        tracer.SetLayout(node.Output(0), input.Moved(axis, outRank.Value));
    }
}

/// <summary>
/// Softmax-like ops and LayerNormalization mix the values along their normalized axes: channels on such an
/// axis cannot be pruned (the normalized axis of LayerNormalization is not prunable); on another axis they pass.
/// </summary>
internal sealed class NormalizedAxisChannelHandler : IChannelOpHandler
{
    public void Trace(OnnxNode node, ChannelTracer tracer)
    {
        if (tracer.Layout(node.Input(0)) is not { } input)
        {
            tracer.BlockParameterInputs(node);
            return;
        }

        var layerNorm = node.OpType == "LayerNormalization";
        var opset = tracer.Model.OpsetVersion();
        var axis = node.GetInt("axis", layerNorm || opset >= 13 ? -1 : 1);
        axis = axis < 0 ? axis + input.Rank : axis;
        // Softmax before opset 13 and LayerNormalization normalize over axis and every axis after it.
        var mixes = layerNorm || opset < 13 ? input.Axis >= axis : input.Axis == axis;
        if (mixes)
        {
            // The channels still flow on (blocked), so a classifier's Softmax (Keras, tf2onnx) counts as reaching the
            // graph output, whose width is never pruned anyway, rather than as an obstacle worth a warning.
            tracer.Block(input, $"{node.OpType} '{node.DisplayName}' normalizes over the channel axis");
            tracer.SetLayout(node.Output(0), input);
            return;
        }

        tracer.SetLayout(node.Output(0), input);
    }
}
