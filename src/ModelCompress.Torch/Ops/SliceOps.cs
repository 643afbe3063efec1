namespace ModelCompress.Torch.Ops;

/// <summary>Slice (attribute form before opset 10, inputs after; negative steps), Gather and Split.</summary>
internal static class SliceOps
{
    public static void Register(OpRegistryBuilder r)
    {
        r.Add("Slice", 1, n => ActivationOps.Unary(x => Slice(
            x, n.Ints("starts")!, n.Ints("ends")!, n.Ints("axes"), null)));
        r.Simple("Slice", 10, x => Slice(
            x[0]!,
            TensorValues.Longs(x[1]!),
            TensorValues.Longs(x[2]!),
            x.Length > 3 && x[3] is { } axes ? TensorValues.Longs(axes) : null,
            x.Length > 4 && x[4] is { } steps ? TensorValues.Longs(steps) : null), 1, 2, 3, 4);
        r.Add("Gather", 1, n => (x, _) => [Gather(x[0]!, x[1]!, n.Int("axis", 0))], 1);
        r.Add("Split", 2, n => (x, _) => Split(n, x[0]!, n.Ints("split")), 1);
        r.Add("Split", 13, n => (x, _) => Split(n, x[0]!, x.Length > 1 && x[1] is { } s ? TensorValues.Longs(s) : null), 1);
    }

    private static Tensor Slice(Tensor x, long[] starts, long[] ends, long[]? axes, long[]? steps)
    {
        var result = x.alias();
        for (var i = 0; i < starts.Length; i++)
        {
            var axis = TensorValues.Axis(axes?[i] ?? i, x.dim());
            var dim = x.shape[axis];
            var step = steps?[i] ?? 1;
            var start = starts[i] < 0 ? starts[i] + dim : starts[i];
            var end = ends[i] < 0 ? ends[i] + dim : ends[i];
            if (step > 0)
            {
                start = Math.Clamp(start, 0, dim);
                end = Math.Clamp(end, 0, dim);
                result = result.slice(axis, start, Math.Max(start, end), step);
            }
            else
            {
                // torch slices only forwards: pick the indices of a backward walk explicitly.
                start = Math.Clamp(start, 0, dim - 1);
                end = Math.Clamp(end, -1, dim - 1);
                var indices = new List<long>();
                for (var k = start; k > end; k += step)
                {
                    indices.Add(k);
                }

                result = result.index_select(axis, torch.tensor(indices.ToArray(), ScalarType.Int64, result.device));
            }
        }

        return result;
    }

    private static Tensor Gather(Tensor data, Tensor indices, long axisAttribute)
    {
        var axis = TensorValues.Axis(axisAttribute, data.dim());
        var index = indices.to_type(ScalarType.Int64).to(data.device);
        index = torch.where(index < 0, index + data.shape[axis], index);
        var picked = data.index_select(axis, index.reshape(-1));
        var shape = data.shape.Take((int)axis).Concat(indices.shape).Concat(data.shape.Skip((int)axis + 1)).ToArray();
        return picked.reshape(shape);
    }

    private static Tensor[] Split(OnnxNode node, Tensor x, long[]? sizes)
    {
        var axis = TensorValues.Axis(node.Int("axis", 0), x.dim());
        var count = node.Proto.Output.Count;
        var dim = x.shape[axis];
        if (sizes is null)
        {
            // Opset 18's num_outputs allows an uneven last chunk; earlier opsets need an even split.
            var chunk = (dim + count - 1) / count;
            sizes = Enumerable.Range(0, count).Select(i => Math.Min(chunk, dim - (i * chunk))).ToArray();
        }

        return x.split(sizes, axis).Select(t => t.alias()).ToArray();
    }
}
