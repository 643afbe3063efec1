namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// MatMul(A, W) and Gemm(A, B, C) → DynamicQuantizeLinear(A) → MatMulInteger(A_q, W_q, A_zp, W_zp) → Cast(float)
/// → Mul(A_scale × W_scale) [→ Add(beta × C)]. Gemm's transB is applied to the stored weight and alpha is folded
/// into the weight scale, so one MatMulInteger form serves both ops.
/// </summary>
internal static class MatMulQuantization
{
    /// <summary>Rewrites the node into <paramref name="nodes"/>; returns a skip reason instead when it cannot.</summary>
    public static string? Rewrite(QuantizeRewrite rewrite, OnnxNode node, List<OnnxNode> nodes)
    {
        var graph = rewrite.Graph;
        var gemm = node.OpType == "Gemm";
        if (!graph.TryGetInitializer(node.Input(1), out var weight) || weight.DataType != OnnxDataType.Float)
        {
            return "the weight (input B) is not a float32 initializer";
        }

        if (weight.Dims.Count != 2)
        {
            return $"the weight has rank {weight.Dims.Count}; only 2-D weights are quantized";
        }

        if (gemm && node.GetInt("transA") != 0)
        {
            return "Gemm with transA=1 is not supported";
        }

        if (rewrite.RejectActivation(node.Input(0)) is { } rejected)
        {
            return rejected;
        }

        var alpha = gemm ? node.GetFloat("alpha", 1f) : 1f;
        var beta = gemm ? node.GetFloat("beta", 1f) : 1f;
        string? bias = null;
        if (gemm && node.Input(2).Length > 0 && beta != 0f)
        {
            bias = Bias(rewrite, node.Input(2), beta);
            if (bias is null)
            {
                return "Gemm with a computed C and beta != 1 is not supported";
            }
        }

        // Store W as [K, N] whatever transB says, so output channel n is column n.
        var transB = gemm && node.GetInt("transB") != 0;
        var k = (int)weight.Dims[transB ? 1 : 0];
        var n = (int)weight.Dims[transB ? 0 : 1];
        var values = weight.ToFloatArray();
        var kn = transB ? Transpose(values, n, k) : values;
        var (q, scales) = SymmetricWeights.Quantize(kn, rewrite.PerChannel ? n : 1, rewrite.PerChannel ? i => i % n : _ => 0);
        var scaled = Array.ConvertAll(scales, s => s * alpha);

        var stem = QuantizeRewrite.Stem(node.DisplayName);
        var wq = rewrite.AddInitializer($"{weight.Name}_quantized", name => OnnxTensor.FromInt8s(name, [k, n], q));
        var wScale = rewrite.AddInitializer($"{weight.Name}_scale", name =>
            rewrite.PerChannel ? OnnxTensor.FromFloats(name, [n], scaled) : OnnxTensor.Scalar(name, scaled[0]));
        var wZero = rewrite.AddInitializer($"{weight.Name}_zero_point", name => OnnxTensor.FromInt8s(name, [], [0]));
        var (xq, xScale, xZero) = rewrite.Activation(node.Input(0), nodes);
        var integer = graph.UniqueName($"{stem}_MatMulInteger_output");
        nodes.Add(OnnxNode.Create("MatMulInteger", graph.UniqueName($"{stem}_MatMulInteger"), [xq, wq, xZero, wZero], [integer]));
        rewrite.Rescale(nodes, stem, integer, xScale, wScale, bias, node.Output(0));
        return null;
    }

    // beta × C as an initializer; C itself when beta is 1; null when C is computed and would need scaling.
    private static string? Bias(QuantizeRewrite rewrite, string c, float beta)
    {
        if (beta == 1f)
        {
            return c;
        }

        if (!rewrite.Graph.TryGetInitializer(c, out var tensor) || tensor.DataType != OnnxDataType.Float)
        {
            return null;
        }

        var values = Array.ConvertAll(tensor.ToFloatArray(), v => v * beta);
        return rewrite.AddInitializer($"{c}_scaled", name => OnnxTensor.FromFloats(name, tensor.Dims, values));
    }

    internal static float[] Transpose(float[] values, int rows, int cols)
    {
        var result = new float[values.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                result[(c * rows) + r] = values[(r * cols) + c];
            }
        }

        return result;
    }
}
