using Microsoft.ML.OnnxRuntime;

namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>
/// Asks ONNX Runtime (CPU, all optimizations) what it actually made of a QDQ model: the optimized graph is saved
/// through <c>SessionOptions.OptimizedModelFilePath</c> and its int8 kernels are counted per float op type of
/// the input model. A QDQ pattern ORT does not fuse runs as DequantizeLinear → float op → QuantizeLinear, slower
/// than float alone: this is the check that the quantizer wrote patterns ORT recognizes.
/// </summary>
public static class FusionCheck
{
    private static readonly Dictionary<string, string[]> Kernels = new(StringComparer.Ordinal)
    {
        ["Conv"] = ["QLinearConv"],
        ["Gemm"] = ["QGemm"],
        ["MatMul"] = ["QLinearMatMul", "MatMulIntegerToFloat"],
        ["Add"] = ["QLinearAdd"],
        ["Mul"] = ["QLinearMul"],
        ["Concat"] = ["QLinearConcat"],
        ["AveragePool"] = ["QLinearAveragePool"],
        ["GlobalAveragePool"] = ["QLinearGlobalAveragePool"],
        ["LeakyRelu"] = ["QLinearLeakyRelu"],
        ["Sigmoid"] = ["QLinearSigmoid"],
        ["Softmax"] = ["QLinearSoftmax"],
    };

    /// <summary>Per op type of <paramref name="original"/> that has an int8 form: how many of its nodes are int8 in <paramref name="quantized"/> after ORT's optimizer.</summary>
    public static IReadOnlyList<FusionCount> Count(OnnxModel original, OnnxModel quantized)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(quantized);
        var optimized = Optimize(quantized);
        var graph = optimized.Graph;
        var counts = new List<FusionCount>();
        foreach (var group in original.Graph.Nodes.GroupBy(n => n.OpType).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var handler = QuantizeHandlers.For(group.Key);
            if (handler is null || group.Key is "Relu" or "Clip")
            {
                continue;
            }

            var fused = Kernels.TryGetValue(group.Key, out var kernels)
                ? optimized.Graph.Nodes.Count(n => kernels.Contains(n.OpType))
                : graph.Nodes.Count(n => (n.OpType == group.Key || n.OpType == "Nhwc" + group.Key) && OnInt8(graph, n.Input(0), 0));
            counts.Add(new FusionCount(group.Key, group.Count(), Math.Min(fused, group.Count())));
        }

        return counts;
    }

    // A data-movement op runs on int8 when its input comes from a QuantizeLinear or an int8 kernel, directly or
    // through other data-movement ops (ORT's layout pass inserts Transposes); a graph input or a DQ means float.
    private static bool OnInt8(OnnxGraph graph, string value, int depth)
    {
        var producer = graph.Producer(value);
        return producer is not null && depth < 32 && (producer.OpType is "QuantizeLinear" or "QGemm" || producer.OpType.StartsWith("QLinear", StringComparison.Ordinal)
            || (producer.OpType != "DequantizeLinear" && QuantizeHandlers.For(producer.OpType.Replace("Nhwc", "", StringComparison.Ordinal)) is Handlers.PassThroughHandler && OnInt8(graph, producer.Input(0), depth + 1)));
    }

    private static OnnxModel Optimize(OnnxModel model)
    {
        var path = ModelCompress.Engine.IO.EngineTemp.NewPath(".onnx");
        try
        {
            _ = OrtEnvironment.Instance;
            using (var options = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                OptimizedModelFilePath = path,
                IntraOpNumThreads = 1,
                LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            })
            using (new InferenceSession(model.ToBytes(), options))
            {
            }

            return OnnxModel.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
