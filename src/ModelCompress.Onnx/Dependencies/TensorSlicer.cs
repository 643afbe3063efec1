namespace ModelCompress.Onnx.Dependencies;

/// <summary>Drops indices along one axis of a float tensor (float, double or float16), keeping its name and type.</summary>
internal static class TensorSlicer
{
    public static OnnxTensor Drop(OnnxTensor tensor, int axis, IReadOnlySet<long> removed)
    {
        var kept = Enumerable.Range(0, checked((int)tensor.Dims[axis])).Where(i => !removed.Contains(i)).ToArray();
        return Drop(tensor, axis, _ => kept);
    }

    /// <summary>
    /// Drops channels from axis 1 of a grouped Conv weight: row r belongs to group g = r / (rows / groups), whose
    /// column j is channel g · columns + j; <paramref name="removed"/> names channels. Every group must lose as many.
    /// </summary>
    public static OnnxTensor DropGrouped(OnnxTensor tensor, long groups, IReadOnlySet<long> removed)
    {
        var (rowsPerGroup, columns) = (tensor.Dims[0] / groups, tensor.Dims[1]);
        var kept = Enumerable.Range(0, checked((int)groups))
            .Select(g => Enumerable.Range(0, checked((int)columns)).Where(j => !removed.Contains((g * columns) + j)).ToArray())
            .ToArray();
        if (kept.Any(k => k.Length != kept[0].Length))
        {
            throw new InvalidOperationException($"Grouped weight '{tensor.Name}' would keep a different number of channels in its groups.");
        }

        return Drop(tensor, 1, row => kept[row / rowsPerGroup]);
    }

    private static OnnxTensor Drop(OnnxTensor tensor, int axis, Func<long, int[]> keptAt) => tensor.DataType switch
    {
        OnnxDataType.Float => Drop(tensor, axis, keptAt, tensor.ToFloatArray(), (n, d, v) => OnnxTensor.FromFloats(n, d, v)),
        OnnxDataType.Double => Drop(tensor, axis, keptAt, tensor.ToDoubleArray(), (n, d, v) => OnnxTensor.FromDoubles(n, d, v)),
        OnnxDataType.Float16 => Drop(tensor, axis, keptAt, tensor.ToHalfArray(), (n, d, v) => OnnxTensor.FromHalves(n, d, v)),
        _ => throw new InvalidOperationException($"Tensor '{tensor.Name}' is {tensor.DataType.OnnxName()}; only float tensors are sliced."),
    };

    // keptAt(o): the indices along the axis kept in the slab of outer index o (all slabs keep as many).
    private static OnnxTensor Drop<T>(OnnxTensor tensor, int axis, Func<long, int[]> keptAt, T[] values, Func<string, long[], T[], OnnxTensor> create)
    {
        var dims = tensor.Dims.ToArray();
        long outer = 1, inner = 1;
        for (var i = 0; i < axis; i++)
        {
            outer *= dims[i];
        }

        for (var i = axis + 1; i < dims.Length; i++)
        {
            inner *= dims[i];
        }

        var width = keptAt(0).Length;
        var result = new T[checked(outer * width * inner)];
        long at = 0;
        for (long o = 0; o < outer; o++)
        {
            foreach (var k in keptAt(o))
            {
                Array.Copy(values, ((o * dims[axis]) + k) * inner, result, at, inner);
                at += inner;
            }
        }

        dims[axis] = width;
        return create(tensor.Name, dims, result);
    }
}
