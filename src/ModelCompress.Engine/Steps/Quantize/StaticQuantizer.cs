using ModelCompress.Engine.Steps.Graph;
using ModelCompress.Engine.Steps.Quantize.Calibration;
using ModelCompress.Onnx.Preparation;

namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>
/// Static int8 quantization in QDQ form: each quantizable op sits between DequantizeLinear and QuantizeLinear
/// nodes with calibrated scales, the pattern ONNX Runtime's graph optimizer replaces with int8 kernels
/// (QLinearConv, QGemm, QLinearMatMul, QLinearAdd, ...). The float model is not changed.
/// </summary>
public sealed class StaticQuantizer
{
    private const long MinimumOpset = 10;
    private const long PerAxisOpset = 13;

    /// <summary>Creates a quantizer.</summary>
    public StaticQuantizer(StaticQuantizeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ActivationType is not (OnnxDataType.UInt8 or OnnxDataType.Int8) || options.WeightType is not (OnnxDataType.UInt8 or OnnxDataType.Int8))
        {
            throw new ArgumentException("Activations and weights are UINT8 or INT8.", nameof(options));
        }

        Options = options;
    }

    /// <summary>The settings.</summary>
    public StaticQuantizeOptions Options { get; }

    /// <summary>What <see cref="Quantize"/> would do with each node, without writing anything.</summary>
    /// <exception cref="CompressionException">MC3052 for include/exclude names the model does not have.</exception>
    public IReadOnlyList<NodeDecision> Plan(OnnxModel model, IReadOnlyDictionary<string, TensorRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ranges);
        return PlanOn(model.Clone(), ranges, model.OpsetVersion()).Decisions;
    }

    /// <summary>Like <see cref="Quantize"/>, but null instead of MC3071 when nothing is left to quantize.</summary>
    public StaticQuantizeResult? TryQuantize(OnnxModel model, IReadOnlyDictionary<string, TensorRange> ranges)
    {
        try
        {
            return Quantize(model, ranges);
        }
        catch (CompressionException e) when (e.Diagnostics.All(d => d.Code == "MC3071"))
        {
            return null;
        }
    }

    /// <summary>Quantizes a copy of <paramref name="model"/> with the calibrated <paramref name="ranges"/>.</summary>
    /// <exception cref="CompressionException">MC3070 for an opset below 10 that cannot be raised; MC3071 when no compute node can be quantized; MC3052 for unknown node names.</exception>
    public StaticQuantizeResult Quantize(OnnxModel model, IReadOnlyDictionary<string, TensorRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ranges);
        var opset = model.OpsetVersion();
        var result = model.Clone();
        if (opset < PerAxisOpset)
        {
            // Old exporters (Paddle2ONNX defaulted to opset 9) write what opset 13 can say too: raising it gives
            // QDQ ops, int8 MaxPool (12) and per-channel weights (13). Where it cannot be raised, opset 10-12 still
            // quantizes per tensor.
            var blocker = OpsetUpgrade.Raise(result, PerAxisOpset);
            if (blocker is not null && opset < MinimumOpset)
            {
                throw new CompressionException(StaticQuantizeDiagnostics.OpsetTooOld(opset, blocker));
            }

            opset = result.OpsetVersion();
        }

        var graph = result.Graph;
        var (plans, decisions) = PlanOn(result, ranges, opset);
        if (!decisions.Any(d => d.Role == NodeRole.Compute))
        {
            var why = string.Join("; ", decisions.Where(d => QuantizeHandlers.For(d.OpType) is not null).Select(d => $"{d.Node}: {d.Reason}").Take(8));
            throw new CompressionException(StaticQuantizeDiagnostics.NothingToQuantize(why.Length > 0 ? why : "the model has no op that static quantization handles"));
        }

        var perChannel = Options.PerChannel && opset >= PerAxisOpset;
        new QdqWriter(graph, plans, ranges, Options, perChannel).Write();
        var sorted = graph.TopologicalOrder().Select(n => n.Proto).ToArray();
        graph.Proto.Node.Clear();
        graph.Proto.Node.AddRange(sorted);
        graph.Invalidate();
        return new StaticQuantizeResult(result, decisions, perChannel);
    }

    private (IReadOnlyDictionary<Onnx.Proto.NodeProto, NodePlan> Plans, NodeDecision[] Decisions) PlanOn(
        OnnxModel model, IReadOnlyDictionary<string, TensorRange> ranges, long opset)
    {
        var graph = model.Graph;
        var selection = NodeSelection.Create(graph, "quantize", Options.Include, Options.Exclude);
        var context = new QuantizeContext(graph, ShapeInference.Infer(model), opset, ranges, DeclaredTypes.Of(model));
        var plans = new QdqPlanner(context, selection.Reject).Plan();
        var decisions = graph.TopologicalOrder().Select(n => new NodeDecision(n.DisplayName, n.OpType, plans[n.Proto].Role, plans[n.Proto].Reason)).ToArray();
        return (plans, decisions);
    }
}
