namespace ModelCompress.Torch.Ops;

/// <summary>
/// Layout ops: Shape, Reshape, Flatten, Transpose, Squeeze/Unsqueeze, Expand, Tile, Concat, Identity. Shape
/// values travel as int64 CPU tensors so shape subgraphs follow a dynamic batch size.
/// </summary>
internal static class ShapeOps
{
    public static void Register(OpRegistryBuilder r)
    {
        r.Add("Shape", 1, n => ActivationOps.Unary(x => TensorValues.ShapeTensor(ShapeSlice(x.shape, n))));
        r.Add("Reshape", 5, n => (x, _) => [x[0]!.reshape(ReshapeTarget(x[0]!.shape, TensorValues.Longs(x[1]!), n.Int("allowzero", 0) != 0))], 1);
        r.Add("Flatten", 1, n => ActivationOps.Unary(x =>
        {
            var axis = TensorValues.Axis(n.Int("axis", 1), x.dim());
            var rows = x.shape.Take((int)axis).Aggregate(1L, (a, b) => a * b);
            return x.reshape(rows, x.shape.Skip((int)axis).Aggregate(1L, (a, b) => a * b));
        }));
        r.Add("Transpose", 1, n => ActivationOps.Unary(x =>
            x.permute(n.Ints("perm") ?? Enumerable.Range(0, (int)x.dim()).Reverse().Select(i => (long)i).ToArray())));
        r.Add("Squeeze", 1, n => ActivationOps.Unary(x => Squeeze(x, n.Ints("axes"))));
        r.Simple("Squeeze", 13, x => Squeeze(x[0]!, x.Length > 1 && x[1] is { } a ? TensorValues.Longs(a) : null), 1);
        r.Add("Unsqueeze", 1, n => ActivationOps.Unary(x => Unsqueeze(x, n.Ints("axes") ?? throw n.Unsupported("Unsqueeze without axes"))));
        r.Simple("Unsqueeze", 13, x => Unsqueeze(x[0]!, TensorValues.Longs(x[1]!)), 1);
        r.Simple("Expand", 8, x => Expand(x[0]!, TensorValues.Longs(x[1]!)), 1);
        r.Simple("Tile", 6, x => x[0]!.repeat(TensorValues.Longs(x[1]!)), 1);
        r.Add("Concat", 1, n => (x, _) => [torch.cat(x.Select(t => t!).ToArray(), TensorValues.Axis(n.Int("axis", 0), x[0]!.dim()))]);
        r.Simple("Identity", 1, x => x[0]!.alias());
    }

    private static long[] ShapeSlice(long[] shape, OnnxNode node)
    {
        var rank = shape.Length;
        var start = Math.Clamp(TensorValues.Axis(node.Int("start", 0), rank), 0, rank);
        var end = Math.Clamp(TensorValues.Axis(node.Int("end", rank), rank), 0, rank);
        return shape.Skip((int)start).Take((int)Math.Max(0, end - start)).ToArray();
    }

    // 0 copies the input's dimension (unless allowzero), -1 is inferred by torch.
    private static long[] ReshapeTarget(long[] input, long[] shape, bool allowZero)
    {
        var target = (long[])shape.Clone();
        for (var i = 0; i < target.Length; i++)
        {
            if (target[i] == 0 && !allowZero)
            {
                target[i] = input[i];
            }
        }

        return target;
    }

    private static Tensor Squeeze(Tensor x, long[]? axes)
    {
        if (axes is null)
        {
            return x.reshape(x.shape.Where(d => d != 1).ToArray());
        }

        var drop = TensorValues.Axes(axes, x.dim()).ToHashSet();
        return x.reshape(x.shape.Where((_, i) => !drop.Contains(i)).ToArray());
    }

    private static Tensor Unsqueeze(Tensor x, long[] axes)
    {
        var rank = x.dim() + axes.Length;
        var insert = TensorValues.Axes(axes, rank).ToHashSet();
        var shape = new List<long>();
        var next = 0;
        for (var i = 0; i < rank; i++)
        {
            shape.Add(insert.Contains(i) ? 1 : x.shape[next++]);
        }

        return x.reshape(shape.ToArray());
    }

    // ONNX Expand broadcasts both ways (a 1 in the target keeps the input's dimension).
    private static Tensor Expand(Tensor x, long[] shape)
    {
        var rank = Math.Max(x.dim(), shape.Length);
        var input = Enumerable.Repeat(1L, (int)(rank - x.dim())).Concat(x.shape).ToArray();
        var target = Enumerable.Repeat(1L, (int)(rank - shape.Length)).Concat(shape).ToArray();
        var result = input.Zip(target, (a, b) => a == 1 ? b : a).ToArray();
        return x.reshape(input).expand(result).contiguous();
    }
}
