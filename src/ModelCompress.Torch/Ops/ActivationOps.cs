namespace ModelCompress.Torch.Ops;

/// <summary>Pointwise activations and the softmax family.</summary>
internal static class ActivationOps
{
    public static void Register(OpRegistryBuilder r)
    {
        r.Simple("Relu", 1, x => nn.functional.relu(x[0]!));
        r.Add("LeakyRelu", 1, n => Unary(x => nn.functional.leaky_relu(x, n.Float("alpha", 0.01f))));
        r.Simple("Sigmoid", 1, x => x[0]!.sigmoid());
        r.Simple("Tanh", 1, x => x[0]!.tanh());
        r.Add("HardSigmoid", 1, n => Unary(x => HardSigmoid(x, n.Float("alpha", 0.2f), n.Float("beta", 0.5f))));
        r.Simple("HardSwish", 14, x => x[0]! * HardSigmoid(x[0]!, 1f / 6f, 0.5f));
        r.Simple("Erf", 1, x => x[0]!.erf());
        r.Add("Gelu", 20, n => n.String("approximate", "none") switch
        {
            "none" => Unary(x => 0.5 * x * (1 + (x * (1 / Math.Sqrt(2))).erf())),
            "tanh" => Unary(x => 0.5 * x * (1 + ((x + (0.044715 * x.pow(3))) * Math.Sqrt(2 / Math.PI)).tanh())),
            var other => throw n.Unsupported($"approximate='{other}'"),
        });
        r.Add("Softmax", 1, n => Coerced(n, log: false));
        r.Add("Softmax", 13, n => Unary(x => x.softmax(n.Int("axis", -1))));
        r.Add("LogSoftmax", 1, n => Coerced(n, log: true));
        r.Add("LogSoftmax", 13, n => Unary(x => x.log_softmax(n.Int("axis", -1))));
    }

    public static NodeKernel Unary(Func<Tensor, Tensor> run) => (inputs, _) => [run(inputs[0]!)];

    private static Tensor HardSigmoid(Tensor x, double alpha, double beta) => ((alpha * x) + beta).clamp(0.0, 1.0);

    // Before opset 13 (Log)Softmax flattens the input to 2-D at `axis` and normalizes each row.
    private static NodeKernel Coerced(Onnx.OnnxNode node, bool log) => Unary(x =>
    {
        var axis = TensorValues.Axis(node.Int("axis", 1), x.dim());
        var rows = x.shape.Take((int)axis).Aggregate(1L, (a, b) => a * b);
        var flat = x.reshape(rows, -1);
        var y = log ? flat.log_softmax(1) : flat.softmax(1);
        return y.reshape(x.shape);
    });
}
