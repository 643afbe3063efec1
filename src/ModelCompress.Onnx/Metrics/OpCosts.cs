using System.Collections.Frozen;

namespace ModelCompress.Onnx.Metrics;

/// <summary>
/// The cost rule of each op type, built once. A rule returns null when the shapes it needs are unknown; an op with
/// no rule that is not pure data movement is reported as uncounted rather than guessed.
/// </summary>
internal static class OpCosts
{
    private delegate (long Macs, long Flops)? Rule(OnnxNode node, ShapeInferenceResult shapes);

    // Ops that only move, view or describe data: no arithmetic.
    private static readonly FrozenSet<string> Free = new[]
    {
        "Reshape", "Flatten", "Transpose", "Concat", "Identity", "Squeeze", "Unsqueeze", "Shape", "Size", "Gather",
        "Slice", "Split", "Cast", "Constant", "ConstantOfShape", "Dropout", "Expand", "Tile", "Pad", "DepthToSpace",
        "SpaceToDepth",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Operations per output element of element-wise and normalization ops. Normalizations are counted as
    // evaluated at inference: batch norm is a scale and a shift; instance/layer norm also compute a mean and a
    // variance (subtract, square, accumulate, normalize, scale, shift ≈ 6); softmax is exp, sum and divide;
    // dynamic quantization finds min and max, then scales and rounds.
    private static readonly FrozenDictionary<string, int> PerElement = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["Relu"] = 1, ["LeakyRelu"] = 1, ["PRelu"] = 1, ["Sigmoid"] = 1, ["Tanh"] = 1, ["Elu"] = 1, ["Selu"] = 1,
        ["Softplus"] = 1, ["Softsign"] = 1, ["HardSigmoid"] = 1, ["HardSwish"] = 1, ["Gelu"] = 1, ["Erf"] = 1,
        ["Exp"] = 1, ["Log"] = 1, ["Sqrt"] = 1, ["Reciprocal"] = 1, ["Neg"] = 1, ["Abs"] = 1, ["Floor"] = 1,
        ["Ceil"] = 1, ["Round"] = 1, ["Sign"] = 1, ["Clip"] = 1, ["Sin"] = 1, ["Cos"] = 1, ["Mish"] = 1,
        ["Add"] = 1, ["Sub"] = 1, ["Mul"] = 1, ["Div"] = 1, ["Pow"] = 1, ["Max"] = 1, ["Min"] = 1, ["Where"] = 1,
        ["Equal"] = 1, ["Less"] = 1, ["Greater"] = 1, ["LessOrEqual"] = 1, ["GreaterOrEqual"] = 1, ["Not"] = 1,
        ["And"] = 1, ["Or"] = 1, ["Xor"] = 1,
        ["QuantizeLinear"] = 2, ["DequantizeLinear"] = 2, ["DynamicQuantizeLinear"] = 4, ["BatchNormalization"] = 2,
        ["InstanceNormalization"] = 6, ["LayerNormalization"] = 6, ["Softmax"] = 3, ["LogSoftmax"] = 3, ["LRN"] = 3,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Rule> Rules = BuildRules();

    /// <summary>True for ops that cost nothing (data movement) or belong to no standard domain we count.</summary>
    public static bool IsFree(OnnxNode node) => node.Domain is "" or "ai.onnx" && Free.Contains(node.OpType);

    /// <summary>The MACs and FLOPs of one node for one sample, or null when they cannot be worked out.</summary>
    public static (long Macs, long Flops)? Of(OnnxNode node, ShapeInferenceResult shapes)
    {
        if (node.Domain is not ("" or "ai.onnx"))
        {
            return null;
        }

        if (Rules.TryGetValue(node.OpType, out var rule))
        {
            return rule(node, shapes);
        }

        return PerElement.TryGetValue(node.OpType, out var perElement) && Elements(shapes, node.Output(0)) is { } n
            ? (0, checked(n * perElement))
            : null;
    }

    private static FrozenDictionary<string, Rule> BuildRules()
    {
        var rules = new Dictionary<string, Rule>(StringComparer.Ordinal)
        {
            ["Conv"] = (n, s) => Conv(n, s, weight: 1, bias: 2),
            ["ConvInteger"] = (n, s) => Conv(n, s, weight: 1, bias: -1),
            ["ConvTranspose"] = ConvTranspose,
            ["Gemm"] = Gemm,
            ["MatMul"] = MatMul,
            ["MatMulInteger"] = MatMul,
            ["MaxPool"] = Pool,
            ["AveragePool"] = Pool,
            ["LpPool"] = Pool,
            ["GlobalAveragePool"] = Global,
            ["GlobalMaxPool"] = Global,
            ["GlobalLpPool"] = Global,
            ["Resize"] = Resize,
            ["Upsample"] = Resize,
            ["Sum"] = Variadic,
            ["Mean"] = Variadic,
        };

        // A reduction touches every input element once (the mean's final divide is per output, negligible).
        foreach (var op in new[] { "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2", "ReduceSumSquare" })
        {
            rules[op] = Global;
        }

        return rules.ToFrozenDictionary(StringComparer.Ordinal);
    }

    // Each output element of a grouped conv sums (C_in / group) × kernel products: exactly the weight's dims 1..
    private static (long, long)? Conv(OnnxNode n, ShapeInferenceResult s, int weight, int bias)
    {
        if (Elements(s, n.Output(0)) is not { } outputs || Known(s, n.Input(weight)) is not { Length: >= 2 } w)
        {
            return null;
        }

        var macs = checked(outputs * Product(w.AsSpan(1)));
        var biasAdds = bias >= 0 && n.Input(bias).Length > 0 ? outputs : 0;
        return (macs, checked((2 * macs) + biasAdds));
    }

    // Every input element is scattered through (C_out / group) × kernel products.
    private static (long, long)? ConvTranspose(OnnxNode n, ShapeInferenceResult s)
    {
        if (Elements(s, n.Input(0)) is not { } inputs || Known(s, n.Input(1)) is not { Length: >= 2 } w)
        {
            return null;
        }

        var macs = checked(inputs * Product(w.AsSpan(1)));
        var biasAdds = n.Input(2).Length > 0 ? Elements(s, n.Output(0)) ?? 0 : 0;
        return (macs, checked((2 * macs) + biasAdds));
    }

    private static (long, long)? Gemm(OnnxNode n, ShapeInferenceResult s)
    {
        if (Elements(s, n.Output(0)) is not { } outputs || Known(s, n.Input(0)) is not { Length: 2 } a)
        {
            return null;
        }

        var k = n.GetInt("transA") != 0 ? a[0] : a[1];
        var macs = checked(outputs * k);
        var biasAdds = n.Input(2).Length > 0 ? outputs : 0;
        return (macs, checked((2 * macs) + biasAdds));
    }

    private static (long, long)? MatMul(OnnxNode n, ShapeInferenceResult s)
    {
        if (Elements(s, n.Output(0)) is not { } outputs || Known(s, n.Input(0)) is not { Length: > 0 } a)
        {
            return null;
        }

        var macs = checked(outputs * a[^1]);
        return (macs, checked(2 * macs));
    }

    private static (long, long)? Pool(OnnxNode n, ShapeInferenceResult s) =>
        Elements(s, n.Output(0)) is { } outputs && n.GetInts("kernel_shape") is { } kernel
            ? (0, checked(outputs * Product(kernel.ToArray())))
            : null;

    private static (long, long)? Global(OnnxNode n, ShapeInferenceResult s) =>
        Elements(s, n.Input(0)) is { } inputs ? (0, inputs) : null;

    private static (long, long)? Variadic(OnnxNode n, ShapeInferenceResult s) =>
        Elements(s, n.Output(0)) is { } outputs ? (0, checked(outputs * Math.Max(1, n.Inputs.Count - 1))) : null;

    // Nearest copies; linear and cubic weigh 2 or 4 taps along each resized axis (multiply and add per tap).
    private static (long, long)? Resize(OnnxNode n, ShapeInferenceResult s)
    {
        if (Elements(s, n.Output(0)) is not { } outputs || Known(s, n.Input(0)) is not { } x || Known(s, n.Output(0)) is not { } y || x.Length != y.Length)
        {
            return null;
        }

        var mode = n.GetString("mode", "nearest");
        var taps = mode switch { "linear" => 2L, "cubic" => 4L, _ => 0L };
        if (taps == 0)
        {
            return (0, 0);
        }

        var resized = x.Zip(y).Count(p => p.First != p.Second);
        var perOutput = checked((2 * (long)Math.Pow(taps, resized)) - 1);
        return (0, checked(outputs * perOutput));
    }

    private static long[]? Known(ShapeInferenceResult s, string value) =>
        value.Length > 0 && s[value] is { IsFullyKnown: true } type ? type.Dims!.Select(d => d.Value!.Value).ToArray() : null;

    private static long? Elements(ShapeInferenceResult s, string value) => Known(s, value) is { } dims ? Product(dims) : null;

    private static long Product(ReadOnlySpan<long> dims)
    {
        long product = 1;
        foreach (var d in dims)
        {
            product = checked(product * d);
        }

        return product;
    }
}
