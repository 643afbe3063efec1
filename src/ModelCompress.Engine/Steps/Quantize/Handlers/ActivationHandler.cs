namespace ModelCompress.Engine.Steps.Quantize.Handlers;

/// <summary>
/// Relu, and Clip with lower bound 0: removed when their producer is quantized, because the producer's
/// QuantizeLinear, calibrated on this node's output (which is never below 0, so the zero point is the lowest
/// level), clamps at 0 by itself. Whether the producer allows it is decided by the planner.
/// </summary>
internal sealed class ActivationHandler : IQuantizeHandler
{
    public IReadOnlyList<string> OpTypes { get; } = ["Relu", "Clip"];

    public NodePlan Plan(OnnxNode node, QuantizeContext context)
    {
        if (node.OpType == "Clip" && LowerBound(node, context) is not 0f)
        {
            return NodePlan.Float("Clip's lower bound is not 0, so a QuantizeLinear cannot stand in for it");
        }

        return NodePlan.Fused();
    }

    private static float? LowerBound(OnnxNode node, QuantizeContext context)
    {
        if (context.Opset < 11)
        {
            return node.GetFloat("min", float.MinValue);
        }

        return node.Input(1).Length == 0 ? float.MinValue
            : context.FloatInitializer(node.Input(1)) is { ElementCount: 1 } min ? min.ToFloatArray()[0]
            : null;
    }
}
