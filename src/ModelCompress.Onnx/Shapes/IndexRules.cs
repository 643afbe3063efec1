namespace ModelCompress.Onnx.Shapes;

/// <summary>Ops that select or reduce along axes: Gather, Slice with constant bounds, and the Reduce family.</summary>
internal static class IndexRules
{
    private static readonly string[] Reduces =
    [
        "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum",
        "ReduceLogSumExp", "ReduceSumSquare",
    ];

    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        rules["Gather"] = Gather;
        rules["Slice"] = Slice;
        foreach (var op in Reduces)
        {
            rules[op] = Reduce;
        }
    }

    // data[:axis] + indices + data[axis+1:]
    private static OnnxTensorType?[]? Gather(ShapeContext c, OnnxNode n)
    {
        var data = c.Input(n, 0);
        if (data?.Dims is not { } x || c.Dims(n, 1) is not { } indices)
        {
            return data is null ? null : [new OnnxTensorType(data.ElementType, null)];
        }

        var axis = Dims.Axis(n.GetInt("axis"), x.Count);
        return [new OnnxTensorType(data.ElementType, [.. x.Take(axis), .. indices, .. x.Skip(axis + 1)])];
    }

    private static OnnxTensorType?[]? Slice(ShapeContext c, OnnxNode n)
    {
        var data = c.Input(n, 0);
        var (starts, ends, axes, steps) = c.Opset >= 10
            ? (c.ConstantInts(n, 1), c.ConstantInts(n, 2), n.Input(3).Length > 0 ? c.ConstantInts(n, 3) : null, n.Input(4).Length > 0 ? c.ConstantInts(n, 4) : null)
            : (n.GetInts("starts")?.ToArray(), n.GetInts("ends")?.ToArray(), n.GetInts("axes")?.ToArray(), null);
        if (data?.Dims is not { } x || starts is null || ends is null || starts.Length != ends.Length ||
            (c.Opset >= 10 && ((n.Input(3).Length > 0 && axes is null) || (n.Input(4).Length > 0 && steps is null))))
        {
            return data is null ? null : [new OnnxTensorType(data.ElementType, data.Dims?.Count is { } r ? Enumerable.Repeat(OnnxDim.Unknown, r).ToArray() : null)];
        }

        axes ??= Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
        steps ??= Enumerable.Repeat(1L, starts.Length).ToArray();
        var dims = x.ToArray();
        for (var i = 0; i < axes.Length; i++)
        {
            var axis = Dims.Axis(axes[i], x.Count);
            dims[axis] = x[axis].Value is { } length && steps[i] != 0 ? OnnxDim.Of(Count(length, starts[i], ends[i], steps[i])) : OnnxDim.Unknown;
        }

        return [new OnnxTensorType(data.ElementType, dims)];
    }

    // The number of indices start, start+step, … before end, with ONNX's clamping of out-of-range bounds.
    private static long Count(long length, long start, long end, long step)
    {
        static long Clamp(long v, long length, long low, long high) => Math.Clamp(v < 0 ? v + length : v, low, high);
        if (step > 0)
        {
            var (s, e) = (Clamp(start, length, 0, length), Clamp(end, length, 0, length));
            return e > s ? ((e - s - 1) / step) + 1 : 0;
        }

        var (from, to) = (Clamp(start, length, 0, length - 1), Clamp(end, length, -1, length - 1));
        return from > to ? ((from - to - 1) / -step) + 1 : 0;
    }

    private static OnnxTensorType?[]? Reduce(ShapeContext c, OnnxNode n)
    {
        var input = c.Input(n, 0);
        if (input?.Dims is not { } x)
        {
            return null;
        }

        // Axes moved from an attribute to an input (ReduceSum in opset 13, the rest in 18).
        var fromInput = n.OpType == "ReduceSum" ? c.Opset >= 13 : c.Opset >= 18;
        var axes = fromInput ? (n.Input(1).Length > 0 ? c.ConstantInts(n, 1) : []) : n.GetInts("axes")?.ToArray() ?? [];
        if (axes is null)
        {
            return [new OnnxTensorType(input.ElementType, null)];
        }

        var keep = n.GetInt("keepdims", 1) != 0;
        if (axes.Length == 0 && n.GetInt("noop_with_empty_axes") != 0)
        {
            return [input];
        }

        var reduced = axes.Length == 0 ? Enumerable.Range(0, x.Count).ToHashSet() : axes.Select(a => Dims.Axis(a, x.Count)).ToHashSet();
        var dims = x.Select((d, i) => (d, i)).Where(p => keep || !reduced.Contains(p.i)).Select(p => reduced.Contains(p.i) ? OnnxDim.Of(1) : p.d);
        return [new OnnxTensorType(input.ElementType, dims.ToArray())];
    }
}
