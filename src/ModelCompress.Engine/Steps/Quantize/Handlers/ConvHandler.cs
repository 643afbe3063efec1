namespace ModelCompress.Engine.Steps.Quantize.Handlers;

/// <summary>Conv → QLinearConv: activation X, int8 weight W per output channel (axis 0), int32 bias B.</summary>
internal sealed class ConvHandler : IQuantizeHandler
{
    public IReadOnlyList<string> OpTypes { get; } = ["Conv"];

    public NodePlan Plan(OnnxNode node, QuantizeContext context)
    {
        if (context.FloatInitializer(node.Input(1)) is not { Dims.Count: >= 3 })
        {
            return NodePlan.Float("the weight W is not a float32 initializer of rank 3 or more (run graph preparation to turn Constant nodes into initializers)");
        }

        if (node.Input(2).Length > 0 && context.FloatInitializer(node.Input(2)) is null)
        {
            return NodePlan.Float("the bias B is not a float32 initializer");
        }

        return context.RejectActivation(node.Input(0)) is { } why
            ? NodePlan.Float(why)
            : NodePlan.Compute([0], new WeightInput(1, 0), node.Input(2).Length > 0 ? new BiasInput(2) : null);
    }
}
