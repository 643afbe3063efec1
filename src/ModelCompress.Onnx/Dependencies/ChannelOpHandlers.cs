using System.Collections.Frozen;

namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// The channel rules by op type, built once and read-only. An op type missing here blocks every group whose
/// channels reach it (the report names the node): unknown ops are never guessed at.
/// </summary>
public static class ChannelOpHandlers
{
    private static readonly string[] Unary =
    [
        "Relu", "LeakyRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Elu", "Selu", "Celu", "Softplus", "Softsign",
        "Gelu", "Mish", "Erf", "Exp", "Log", "Neg", "Abs", "Sqrt", "Reciprocal", "Sin", "Cos", "Floor", "Ceil", "Round", "Sign",
        "ThresholdedRelu", "Identity", "Dropout", "Cast", "Clip", "MaxPool", "AveragePool", "LpPool", "GlobalAveragePool",
        "GlobalMaxPool", "GlobalLpPool", "Resize", "Upsample", "Pad",
    ];

    private static readonly string[] Broadcast = ["Add", "Sub", "Mul", "Div", "Sum", "Max", "Min", "Mean", "PRelu", "Where"];

    private static readonly string[] Axes =
    [
        "Squeeze", "Unsqueeze", "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
        "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare",
    ];

    /// <summary>The handler of each supported op type (default ONNX domain).</summary>
    public static IReadOnlyDictionary<string, IChannelOpHandler> All { get; } = Build();

    private static FrozenDictionary<string, IChannelOpHandler> Build()
    {
        var all = new Dictionary<string, IChannelOpHandler>(StringComparer.Ordinal)
        {
            ["Conv"] = new ConvChannelHandler(),
            ["Gemm"] = new GemmChannelHandler(),
            ["MatMul"] = new MatMulChannelHandler(),
            ["BatchNormalization"] = new NormalizationChannelHandler(),
            ["InstanceNormalization"] = new NormalizationChannelHandler(),
            ["Transpose"] = new TransposeChannelHandler(),
            ["Softmax"] = new NormalizedAxisChannelHandler(),
            ["LogSoftmax"] = new NormalizedAxisChannelHandler(),
            ["Hardmax"] = new NormalizedAxisChannelHandler(),
            ["LayerNormalization"] = new NormalizedAxisChannelHandler(),
            ["Flatten"] = new FlattenChannelHandler(),
            ["Reshape"] = new FlattenChannelHandler(),
            ["Concat"] = new ConcatChannelHandler(),
            ["Split"] = new SplitChannelHandler(),
            ["Slice"] = new SplitChannelHandler(),
            ["Shape"] = new ShapeReadChannelHandler(),
            ["Size"] = new ShapeReadChannelHandler(),
        };
        var passThrough = new PassThroughChannelHandler();
        foreach (var op in Unary)
        {
            all[op] = passThrough;
        }

        var broadcast = new BroadcastChannelHandler();
        foreach (var op in Broadcast)
        {
            all[op] = broadcast;
        }

        var axes = new AxesChannelHandler();
        foreach (var op in Axes)
        {
            all[op] = axes;
        }

        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
