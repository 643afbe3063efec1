namespace ModelCompress.Engine.Steps.Graph;

/// <summary>Keeps chosen indices of one axis of a float tensor (the rest of the data is copied unchanged).</summary>
internal static class AxisSlice
{
    /// <summary>Replaces initializer <paramref name="name"/> by its slice.</summary>
    public static void Replace(OnnxGraph graph, string name, int axis, IReadOnlyList<int> keep)
    {
        graph.TryGetInitializer(name, out var tensor);
        graph.SetInitializer(Keep(tensor!, axis, keep));
    }

    public static OnnxTensor Keep(OnnxTensor tensor, int axis, IReadOnlyList<int> keep)
    {
        var dims = tensor.Dims;
        var outer = dims.Take(axis).Aggregate(1L, (a, d) => checked(a * d));
        var length = dims[axis];
        var inner = dims.Skip(axis + 1).Aggregate(1L, (a, d) => checked(a * d));
        var source = tensor.ToFloatArray();
        var result = new float[outer * keep.Count * inner];
        var at = 0;
        for (long o = 0; o < outer; o++)
        {
            foreach (var j in keep)
            {
                Array.Copy(source, ((o * length) + j) * inner, result, at, inner);
                at += (int)inner;
            }
        }

        var newDims = dims.ToArray();
        newDims[axis] = keep.Count;
        return OnnxTensor.FromFloats(tensor.Name, newDims, result);
    }
}
