using ModelCompress.Torch.Onnx;

namespace ModelCompress.Torch.Ops;

/// <summary>Gemm (transA/transB, alpha, beta, broadcast C) and MatMul (numpy semantics: batched, broadcast, 1-D).</summary>
internal static class MatrixOps
{
    public static void Register(OpRegistryBuilder r)
    {
        r.Add("Gemm", 1, Gemm);
        r.Simple("MatMul", 1, x => x[0]!.matmul(x[1]!));
    }

    private static NodeKernel Gemm(OnnxNode node) => (inputs, _) =>
    {
        var a = node.Int("transA", 0) != 0 ? inputs[0]!.t() : inputs[0]!;
        var b = node.Int("transB", 0) != 0 ? inputs[1]!.t() : inputs[1]!;
        var alpha = node.Float("alpha", 1f);
        var beta = node.Float("beta", 1f);
        var y = a.matmul(b);
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
}
