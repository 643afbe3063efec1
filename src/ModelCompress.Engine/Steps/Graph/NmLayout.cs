namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// Where the input (reduction) dimension of a weight lies in its flat data: element (o, j, i) is at
/// (o × Length + j) × Inner + i, and N:M groups run along j. Conv weights [C_out, C_in/g, k…] reduce over axis 1,
/// Gemm B over axis 0 (axis 1 with transB), MatMul B over its second-to-last axis.
/// </summary>
/// <param name="Outer">Product of the dims before the input axis.</param>
/// <param name="Length">The input axis.</param>
/// <param name="Inner">Product of the dims after it.</param>
public readonly record struct NmLayout(long Outer, long Length, long Inner)
{
    /// <summary>The layout of a node's weight, or null with the reason it has no input axis to group along.</summary>
    public static (NmLayout? Layout, string? Why) Of(OnnxNode node, IReadOnlyList<long> dims)
    {
        var axis = node.OpType switch
        {
            "Conv" when dims.Count >= 3 => 1,
            "Gemm" when dims.Count == 2 => node.GetInt("transB") != 0 ? 1 : 0,
            "MatMul" when dims.Count >= 2 => dims.Count - 2,
            _ => -1,
        };
        if (axis < 0)
        {
            return (null, $"a {dims.Count}-D {node.OpType} weight has no input axis to group along");
        }

        var outer = dims.Take(axis).Aggregate(1L, (a, d) => checked(a * d));
        var inner = dims.Skip(axis + 1).Aggregate(1L, (a, d) => checked(a * d));
        return (new NmLayout(outer, dims[axis], inner), null);
    }

    /// <summary>
    /// The layout of a weight that takes m-groups, or null with the reason it stays dense: no input axis, or one that
    /// is not a multiple of m (sparse tensor cores only take whole groups, as NVIDIA's ASP skips such layers).
    /// </summary>
    public static (NmLayout? Layout, string? Why) ForGroups(OnnxNode node, IReadOnlyList<long> dims, int m)
    {
        var (layout, why) = Of(node, dims);
        return layout is { } l && l.Length % m != 0 ? (null, $"its input dimension ({l.Length}) is not a multiple of {m}") : (layout, why);
    }

    /// <summary>Flat index of element j of the input axis at outer position o and inner position i.</summary>
    public long Index(long o, long j, long i) => (((o * Length) + j) * Inner) + i;
}
