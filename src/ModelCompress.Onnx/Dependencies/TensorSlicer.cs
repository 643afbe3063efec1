namespace ModelCompress.Onnx.Dependencies;

/// <summary>Drops indices along one axis of a float tensor (float, double or float16), keeping its name and type.</summary>
internal static class TensorSlicer
{
    public static OnnxTensor Drop(OnnxTensor tensor, int axis, IReadOnlySet<long> removed) => tensor.DataType switch
    {
        OnnxDataType.Float => Drop(tensor, axis, removed, tensor.ToFloatArray(), (n, d, v) => OnnxTensor.FromFloats(n, d, v)),
        OnnxDataType.Double => Drop(tensor, axis, removed, tensor.ToDoubleArray(), (n, d, v) => OnnxTensor.FromDoubles(n, d, v)),
        OnnxDataType.Float16 => Drop(tensor, axis, removed, tensor.ToHalfArray(), (n, d, v) => OnnxTensor.FromHalves(n, d, v)),
        _ => throw new InvalidOperationException($"Tensor '{tensor.Name}' is {tensor.DataType.OnnxName()}; only float tensors are sliced."),
    };

    private static OnnxTensor Drop<T>(OnnxTensor tensor, int axis, IReadOnlySet<long> removed, T[] values, Func<string, long[], T[], OnnxTensor> create)
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

        var keptIndices = Enumerable.Range(0, checked((int)dims[axis])).Where(i => !removed.Contains(i)).ToArray();
        var result = new T[checked(outer * keptIndices.Length * inner)];
        long at = 0;
        for (long o = 0; o < outer; o++)
        {
            foreach (var k in keptIndices)
            {
                Array.Copy(values, ((o * dims[axis]) + k) * inner, result, at, inner);
                at += inner;
            }
        }

        dims[axis] = keptIndices.Length;
        return create(tensor.Name, dims, result);
    }
}
