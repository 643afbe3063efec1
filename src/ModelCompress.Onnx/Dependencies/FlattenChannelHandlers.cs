namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// Flatten, and Reshape to two dimensions: a channel of an NCHW map becomes a block of H·W consecutive
/// features, so the Gemm/MatMul reading them loses whole blocks. The Reshape target may be a constant or computed
/// from Shape (<see cref="ReshapeTarget"/>); a literal feature count in it is rewritten.
/// </summary>
internal sealed class FlattenChannelHandler : IChannelOpHandler
{
    public void Trace(OnnxNode node, ChannelTracer tracer)
    {
        if (tracer.Layout(node.Input(1)) is { } shapeLayout)
        {
            tracer.Block(shapeLayout, $"{node.OpType} '{node.DisplayName}' reads them as a shape");
        }

        if (tracer.Layout(node.Input(0)) is not { } input)
        {
            return;
        }

        var reshape = node.OpType == "Reshape";
        var dims = tracer.Dims(node.Input(0)) ?? GlobalPoolDims(tracer, node.Input(0), input);
        var axis = reshape ? 1 : node.GetInt("axis", 1);
        axis = axis < 0 ? axis + input.Rank : axis;
        var target = reshape ? ReshapeTarget.Read(node, tracer) : null;

        // Axes between the flatten point and the channel axis must be 1, or a channel would be split into strided pieces.
        var inner = dims is null ? null : Product(dims, input.Axis + 1, dims.Length);
        var between = dims is null ? null : Product(dims, (int)axis, input.Axis);
        if (dims is null || input.Axis < axis || between != 1 || inner is null ||
            (reshape && (target is null || !ReshapeFlattens(target.Entries, dims, tracer.Shapes[node.Input(0)]?.Dims?[0]))))
        {
            // Where the result is a graph output (Paddle2ONNX's feature output) that is the reason they stay whole.
            tracer.Block(input, GraphOutputReach.Find(tracer.Graph, node.Output(0)) is { } graphOutput
                ? $"they reach the graph output '{graphOutput}' through {node.OpType} '{node.DisplayName}', and a graph output's width is never pruned"
                : $"{node.OpType} '{node.DisplayName}' does not flatten the channels into whole blocks of features");
            return;
        }

        var output = input with { Axis = 1, Rank = 2, Block = checked(input.Block * inner.Value) };
        if (reshape && target!.Entries[1].Value > 0)
        {
            // A literal feature count must follow the channels (a constant shared with other nodes is copied first).
            if (target.Rewrite(1, output.Segments, output.Block, tracer) is not { } rewrite)
            {
                tracer.Block(input, $"Reshape '{node.DisplayName}' states the feature count in a value that is computed, or built by a Concat other nodes read too");
                return;
            }

            tracer.Rewrite(rewrite);
        }

        tracer.SetLayout(node.Output(0), output);
    }

    // A global pool leaves 1×1 maps whatever its input size, so its output flattens to one feature per channel
    // even where shape inference could not follow the graph (e.g. a Resize with computed scales upstream).
    private static long?[]? GlobalPoolDims(ChannelTracer tracer, string value, ChannelLayout layout) =>
        tracer.Graph.Producer(value)?.OpType is "GlobalAveragePool" or "GlobalMaxPool" or "GlobalLpPool" && layout.Axis == 1
            ? [null, layout.Length, .. Enumerable.Repeat<long?>(1, layout.Rank - 2)]
            : null;

    // [N, C, H, W] -> [0 | -1 | N, -1 | C·H·W]: the batch stays first, everything else becomes features. N may be
    // the input's own (symbolic) batch read from Shape.
    private static bool ReshapeFlattens(OnnxDim[] target, long?[] dims, OnnxDim? batch) =>
        target.Length == 2 &&
        (target[0].Value is 0 or -1 || (target[0].Value is { } n && n == dims[0]) || (target[0].Symbol is not null && target[0] == batch)) &&
        (target[1].Value == -1 || (target[1].Value > 0 && target[1].Value == Product(dims, 1, dims.Length))) &&
        !(target[0].Value == -1 && target[1].Value == -1);

    private static long? Product(long?[] dims, int from, int to)
    {
        long product = 1;
        for (var i = from; i < to; i++)
        {
            if (dims[i] is not { } d)
            {
                return null;
            }

            product = checked(product * d);
        }

        return product;
    }
}
