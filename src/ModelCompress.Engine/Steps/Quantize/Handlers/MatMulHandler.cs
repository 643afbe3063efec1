namespace ModelCompress.Engine.Steps.Quantize.Handlers;

/// <summary>
/// MatMul → QLinearMatMul: with a 2-D constant B, B is an int8 weight per output column (axis 1); otherwise both
/// operands are activations (e.g. attention scores).
/// </summary>
internal sealed class MatMulHandler : IQuantizeHandler
{
    public IReadOnlyList<string> OpTypes { get; } = ["MatMul"];

    public NodePlan Plan(OnnxNode node, QuantizeContext context)
    {
        if (context.Graph.IsInitializer(node.Input(0)))
        {
            return NodePlan.Float("input A is a constant");
        }

        if (context.RejectActivation(node.Input(0)) is { } whyA)
        {
            return NodePlan.Float(whyA);
        }

        if (context.FloatInitializer(node.Input(1)) is { Dims.Count: 2 })
        {
            return NodePlan.Compute([0], new WeightInput(1, 1));
        }

        if (context.Graph.IsInitializer(node.Input(1)))
        {
            return NodePlan.Float("the constant B is not a 2-D float32 initializer");
        }

        return context.RejectActivation(node.Input(1)) is { } whyB ? NodePlan.Float(whyB) : NodePlan.Compute([0, 1]);
    }
}
