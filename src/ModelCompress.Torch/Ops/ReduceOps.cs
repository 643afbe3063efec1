namespace ModelCompress.Torch.Ops;

/// <summary>ReduceMean/Sum/Max (axes as attribute or, from opset 13/18, as input) and ArgMax.</summary>
internal static class ReduceOps
{
    public static void Register(OpRegistryBuilder r)
    {
        Reduce(r, "ReduceMean", 18, (x, axes, keep) => x.mean(axes, keep));
        Reduce(r, "ReduceSum", 13, (x, axes, keep) => x.sum(axes, keep));
        Reduce(r, "ReduceMax", 18, (x, axes, keep) => x.amax(axes, keep));
        r.Add("ArgMax", 1, ArgMax);
    }

    // From `inputSince` the axes come as the optional second input and noop_with_empty_axes applies.
    private static void Reduce(OpRegistryBuilder r, string op, int inputSince, Func<Tensor, long[], bool, Tensor> run)
    {
        r.Add(op, 1, n => ActivationOps.Unary(x => Run(x, n.Ints("axes"), n, run)));
        r.Add(op, inputSince, n => (x, _) => [Run(x[0]!, x.Length > 1 && x[1] is { } a ? TensorValues.Longs(a) : null, n, run)], 1);
    }

    private static Tensor Run(Tensor x, long[]? axes, OnnxNode node, Func<Tensor, long[], bool, Tensor> run)
    {
        var keep = node.Int("keepdims", 1) != 0;
        if (axes is null || axes.Length == 0)
        {
            if (node.Int("noop_with_empty_axes", 0) != 0)
            {
                return x.alias();
            }

            axes = Enumerable.Range(0, (int)x.dim()).Select(i => (long)i).ToArray();
        }

        return run(x, TensorValues.Axes(axes, x.dim()), keep);
    }

    private static NodeKernel ArgMax(OnnxNode node) => (inputs, _) =>
    {
        var x = inputs[0]!;
        var axis = TensorValues.Axis(node.Int("axis", 0), x.dim());
        var keep = node.Int("keepdims", 1) != 0;
        if (node.Int("select_last_index", 0) == 0)
        {
            return [x.argmax(axis, keep)];
        }

        // The last maximum is the first one of the input reversed along the axis.
        var flipped = x.flip(axis).argmax(axis, keep);
        return [x.shape[axis] - 1 - flipped];
    };
}
