namespace ModelCompress.Torch.Ops;

/// <summary>BatchNormalization and Dropout (both follow the module's train/eval mode) and LayerNormalization.</summary>
internal static class NormalizationOps
{
    public static void Register(OpRegistryBuilder r)
    {
        r.Add("BatchNormalization", 1, BatchNorm, 3, 4);
        r.Add("LayerNormalization", 17, LayerNorm);
        r.Add("Dropout", 1, n => Dropout(n, _ => n.Float("ratio", 0.5f)));
        r.Add("Dropout", 12, n => Dropout(n, x => x.Length > 1 && x[1] is { } ratio ? TensorValues.Scalar(ratio) : 0.5), 1, 2);
    }

    private static NodeKernel BatchNorm(OnnxNode node) => (inputs, context) =>
    {
        var (x, scale, bias, mean, variance) = (inputs[0]!, inputs[1]!, inputs[2]!, inputs[3]!, inputs[4]!);
        var epsilon = node.Float("epsilon", 1e-5f);

        // ONNX's momentum weighs the old running value (torch's momentum is 1 minus it).
        var onnxMomentum = (double)node.Float("momentum", 0.9f);
        var training = context.Training || node.Int("training_mode", 0) != 0;
        Tensor y;
        if (!training)
        {
            y = nn.functional.batch_norm(x, mean, variance, scale, bias, false, 0.0, epsilon);
        }
        else
        {
            // Normalize with the batch statistics, then update the running ones as ONNX defines it
            // (population variance; torch would blend in the unbiased one).
            y = nn.functional.batch_norm(x, null, null, scale, bias, true, 0.0, epsilon);
            using var noGrad = torch.no_grad();
            var axes = Enumerable.Range(0, (int)x.dim()).Where(a => a != 1).Select(a => (long)a).ToArray();
            var batchMean = x.mean(axes);
            var batchVar = x.var(axes, unbiased: false);
            mean.mul_(onnxMomentum).add_(batchMean * (1 - onnxMomentum));
            variance.mul_(onnxMomentum).add_(batchVar * (1 - onnxMomentum));
        }

        var outputs = new List<Tensor> { y };
        if (node.Proto.Output.Count > 1)
        {
            outputs.Add(mean.detach().clone());
            outputs.Add(variance.detach().clone());
        }

        return outputs.ToArray();
    };

    private static NodeKernel LayerNorm(OnnxNode node) => (inputs, _) =>
    {
        var x = inputs[0]!;
        var axis = TensorValues.Axis(node.Int("axis", -1), x.dim());
        var epsilon = node.Float("epsilon", 1e-5f);
        var axes = Enumerable.Range((int)axis, (int)(x.dim() - axis)).Select(a => (long)a).ToArray();
        var compute = x.dtype == ScalarType.Float64 ? x : x.to_type(ScalarType.Float32);
        var mean = compute.mean(axes, keepdim: true);
        var centered = compute - mean;
        var inverse = ((centered * centered).mean(axes, keepdim: true) + epsilon).rsqrt();
        var y = (centered * inverse).to_type(x.dtype) * inputs[1]!;
        if (inputs.Length > 2 && inputs[2] is { } bias)
        {
            y = y + bias;
        }

        return [y, mean, inverse];
    };

    private static NodeKernel Dropout(OnnxNode node, Func<Tensor?[], double> ratio) => (inputs, context) =>
    {
        var x = inputs[0]!;
        var p = ratio(inputs);
        var trainingInput = inputs.Length > 2 && inputs[2] is { } t && TensorValues.Scalar(t) != 0;
        if (!(context.Training || trainingInput) || p == 0)
        {
            return [x.alias(), torch.ones_like(x, ScalarType.Bool)];
        }

        // Keep the mask so the second output is exactly what was applied.
        var mask = torch.rand_like(x) >= p;
        return [x * mask / (1 - p), mask];
    };
}
