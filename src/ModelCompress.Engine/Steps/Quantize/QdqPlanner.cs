using ModelCompress.Onnx.Proto;

namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>
/// Decides every node's role in three passes over the topological order: compute nodes by their handlers; then
/// ReLU/Clip that can fold into a quantized producer; then pass-through ops, kept only where int8 data already
/// flows in (forward) or is wanted downstream (backward): elsewhere they would only add Q/DQ pairs.
/// </summary>
internal sealed class QdqPlanner
{
    private readonly QuantizeContext _context;
    private readonly Func<OnnxNode, string?> _reject;
    private readonly Dictionary<NodeProto, NodePlan> _plans = new(ReferenceEqualityComparer.Instance);

    public QdqPlanner(QuantizeContext context, Func<OnnxNode, string?> reject)
    {
        _context = context;
        _reject = reject;
    }

    /// <summary>The plan of every node, by node message.</summary>
    public IReadOnlyDictionary<NodeProto, NodePlan> Plan()
    {
        var graph = _context.Graph;
        var order = graph.TopologicalOrder();
        foreach (var node in order)
        {
            _plans[node.Proto] = First(node);
        }

        foreach (var node in order.Where(n => _plans[n.Proto].Role == NodeRole.FusedActivation))
        {
            if (FuseReject(node) is { } why)
            {
                _plans[node.Proto] = NodePlan.Float(why);
            }
        }

        var passThrough = order.Where(n => _plans[n.Proto].Role == NodeRole.PassThrough).ToArray();
        var kept = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        foreach (var node in passThrough.Where(n => QuantizesOutput(graph.Producer(n.Input(0)), kept)))
        {
            kept.Add(node.Proto);
        }

        foreach (var node in passThrough.Reverse().Where(n => !kept.Contains(n.Proto) && WantedDownstream(n, kept)))
        {
            kept.Add(node.Proto);
        }

        foreach (var node in passThrough.Where(n => !kept.Contains(n.Proto)))
        {
            _plans[node.Proto] = NodePlan.Float("neither its input nor its consumers are int8, so quantizing it would only add QuantizeLinear/DequantizeLinear");
        }

        return _plans;
    }

    private NodePlan First(OnnxNode node)
    {
        if (node.Domain is not ("" or "ai.onnx"))
        {
            return NodePlan.Float($"op domain '{node.Domain}' has no static quantization handler");
        }

        var plan = QuantizeHandlers.For(node.OpType) is { } handler ? handler.Plan(node, _context) : QuantizeHandlers.Unknown(node.OpType);
        if (plan.IsQuantized && _reject(node) is { } rejected && (plan.Role == NodeRole.Compute || rejected.StartsWith("excluded", StringComparison.Ordinal)))
        {
            return NodePlan.Float(rejected);
        }

        if (plan.Role is NodeRole.Compute or NodeRole.PassThrough && node.Outputs.Any(o => _context.Types[o] is { } t && t.ElementType != OnnxDataType.Float))
        {
            return NodePlan.Float("an output is not FLOAT");
        }

        if (plan.Role == NodeRole.PassThrough && node.Outputs.Any(_context.Graph.IsGraphOutput))
        {
            return NodePlan.Float("its output is a graph output, which stays float");
        }

        // Gemm and MatMul run in int8 with a float output (QGemm, MatMulIntegerToFloat), which keeps a graph output
        // exact; the other kernels need a QuantizeLinear after them, so their graph output is read back through a DQ.
        if (plan.Role == NodeRole.Compute && plan.QuantizeOutput &&
            ((_context.Graph.IsGraphOutput(node.Output(0)) && node.OpType is "Gemm" or "MatMul") || !_context.Ranges.ContainsKey(node.Output(0))))
        {
            return plan with { QuantizeOutput = false };
        }

        return plan;
    }

    private string? FuseReject(OnnxNode node)
    {
        var graph = _context.Graph;
        var producer = graph.Producer(node.Input(0));
        if (producer is null || _plans[producer.Proto] is not { Role: NodeRole.Compute, QuantizeOutput: true })
        {
            return "its producer is not a quantized node with an int8 output";
        }

        if (graph.Consumers(node.Input(0)).Count != 1 || graph.IsGraphOutput(node.Input(0)))
        {
            return "its input is also used elsewhere, so the producer's QuantizeLinear cannot clamp it";
        }

        return graph.IsGraphOutput(node.Output(0)) ? "its output is a graph output, which stays float"
            : !_context.Ranges.ContainsKey(node.Output(0)) ? $"no calibration range for '{node.Output(0)}'"
            : null;
    }

    private bool QuantizesOutput(OnnxNode? producer, HashSet<NodeProto> kept) =>
        producer is not null && (kept.Contains(producer.Proto) || _plans[producer.Proto] is { Role: NodeRole.Compute, QuantizeOutput: true }
            || _plans[producer.Proto].Role == NodeRole.FusedActivation);

    private bool WantedDownstream(OnnxNode node, HashSet<NodeProto> kept) =>
        node.Outputs.Where(o => o.Length > 0).SelectMany(o => _context.Graph.Consumers(o).Select(c => (Consumer: c, Value: o)))
            .Any(x => ReadsAsActivation(x.Consumer, x.Value, kept));

    private bool ReadsAsActivation(OnnxNode consumer, string value, HashSet<NodeProto> kept)
    {
        var plan = _plans[consumer.Proto];
        var quantized = plan.Role == NodeRole.Compute || kept.Contains(consumer.Proto);
        return quantized && plan.Activations.Any(i => consumer.Input(i) == value);
    }
}
