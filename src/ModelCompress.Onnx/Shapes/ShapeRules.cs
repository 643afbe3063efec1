using System.Collections.Frozen;

namespace ModelCompress.Onnx.Shapes;

/// <summary>The registry of shape rules by op type, built once; ops not listed are skipped (outputs unknown).</summary>
internal static class ShapeRules
{
    private static readonly string[] Unary =
    [
        "Relu", "LeakyRelu", "PRelu", "Sigmoid", "Tanh", "Elu", "Selu", "Softplus", "Softsign", "HardSigmoid",
        "HardSwish", "Gelu", "Erf", "Exp", "Log", "Sqrt", "Reciprocal", "Neg", "Abs", "Floor", "Ceil", "Round",
        "Sign", "Clip", "Identity", "Dropout", "Softmax", "LogSoftmax", "LRN", "Sin", "Cos", "Mish",
        "InstanceNormalization", "LayerNormalization", "BatchNormalization",
    ];

    private static readonly string[] Broadcasting = ["Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Mean"];

    private static readonly string[] Comparisons = ["Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor"];

    public static FrozenDictionary<string, ShapeRule> All { get; } = Build();

    private static FrozenDictionary<string, ShapeRule> Build()
    {
        var rules = new Dictionary<string, ShapeRule>(StringComparer.Ordinal);
        foreach (var op in Unary)
        {
            rules[op] = SameAsInput;
        }

        foreach (var op in Broadcasting)
        {
            rules[op] = (c, n) => [Broadcast(c, n, c.Input(n, 0)?.ElementType)];
        }

        foreach (var op in Comparisons)
        {
            rules[op] = (c, n) => [Broadcast(c, n, OnnxDataType.Bool)];
        }

        rules["Not"] = (c, n) => c.Input(n, 0) is { } t ? [t with { ElementType = OnnxDataType.Bool }] : null;
        rules["Where"] = (c, n) => [Broadcast(c, n, c.Input(n, 1)?.ElementType)];
        SpatialRules.Register(rules);
        TensorRules.Register(rules);
        LinearRules.Register(rules);
        IndexRules.Register(rules);
        ArgReduceRules.Register(rules);
        return rules.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static OnnxTensorType?[]? SameAsInput(ShapeContext c, OnnxNode n) => c.Input(n, 0) is { } t ? [t] : null;

    private static OnnxTensorType? Broadcast(ShapeContext c, OnnxNode n, OnnxDataType? type)
    {
        if (type is not { } elementType)
        {
            return null;
        }

        IReadOnlyList<OnnxDim>? dims = c.Dims(n, 0);
        for (var i = 1; i < n.Inputs.Count && dims is not null; i++)
        {
            dims = Dims.Broadcast(dims, c.Dims(n, i));
        }

        return new OnnxTensorType(elementType, dims);
    }
}
