namespace ModelCompress.Torch.Ops;

/// <summary>Gemm (transA/transB, alpha, beta, broadcast C) and MatMul (numpy semantics: batched, broadcast, 1-D).</summary>
internal static class MatrixOps
{
    public static void Register(OpRegistryBuilder r)
    {
        r.Add("Gemm", 1, Gemm);
        r.Simple("MatMul", 1, x => MatMul(x[0]!, x[1]!));
    }

    private static NodeKernel Gemm(OnnxNode node) => (inputs, _) =>
    {
        var a = node.Int("transA", 0) != 0 ? inputs[0]!.t() : inputs[0]!;
        var b = node.Int("transB", 0) != 0 ? inputs[1]!.t() : inputs[1]!;
        var alpha = node.Float("alpha", 1f);
        var beta = node.Float("beta", 1f);
        var y = MatMul(a, b);
        if (alpha != 1f)
        {
            y = y * alpha;
        }

        if (inputs.Length > 2 && inputs[2] is { } c && beta != 0f)
        {
            y = y + (beta == 1f ? c : c * beta);
        }

        return [y];
    };

    /// <summary>
    /// torch.matmul after checking the shapes here: TorchSharp 0.107's native matmul wrapper does not catch
    /// libtorch errors, so a shape mismatch would terminate the process instead of raising an exception.
    /// </summary>
    internal static Tensor MatMul(Tensor a, Tensor b)
    {
        var (sa, sb) = (a.shape, b.shape);
        if (sa.Length == 0 || sb.Length == 0)
        {
            throw new ArgumentException("MatMul needs inputs of rank 1 or more.");
        }

        var inner = sa[^1];
        var other = sb.Length == 1 ? sb[0] : sb[^2];
        var batchA = sa.Length > 2 ? sa[..^2] : [];
        var batchB = sb.Length > 2 ? sb[..^2] : [];
        var batchOk = batchA.Reverse().Zip(batchB.Reverse()).All(p => p.First == p.Second || p.First == 1 || p.Second == 1);
        if (inner != other || !batchOk)
        {
            throw new ArgumentException($"MatMul shapes [{string.Join(",", sa)}] and [{string.Join(",", sb)}] do not fit.");
        }

        return a.matmul(b);
    }
}
