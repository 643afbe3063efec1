namespace ModelCompress.Engine.Steps.Quantize.Handlers;

/// <summary>
/// Add and Mul → QLinearAdd / QLinearMul, Concat → QLinearConcat (com.microsoft): every input quantized with its
/// own scale (a constant input is stored quantized over its own range), the output with its own.
/// </summary>
internal sealed class ElementwiseHandler : IQuantizeHandler
{
    public IReadOnlyList<string> OpTypes { get; } = ["Add", "Mul", "Concat"];

    public NodePlan Plan(OnnxNode node, QuantizeContext context)
    {
        var inputs = Enumerable.Range(0, node.Inputs.Count).ToArray();
        if (node.OpType != "Concat" && inputs.Length != 2)
        {
            return NodePlan.Float($"{node.OpType} has {inputs.Length} inputs, not 2");
        }

        if (inputs.All(i => context.Graph.IsInitializer(node.Input(i))))
        {
            return NodePlan.Float("every input is a constant (constant folding removes such nodes)");
        }

        return inputs.Select(i => context.RejectActivation(node.Input(i))).FirstOrDefault(r => r is not null) is { } why
            ? NodePlan.Float(why)
            : NodePlan.Compute(inputs);
    }
}
