namespace ModelCompress.Engine.Steps.Quantize.Handlers;

/// <summary>
/// Ops with one data input and their own output range, which ONNX Runtime runs as QLinear* contrib kernels:
/// AveragePool, GlobalAveragePool, LeakyRelu, Sigmoid, Softmax.
/// </summary>
internal sealed class UnaryHandler : IQuantizeHandler
{
    public IReadOnlyList<string> OpTypes { get; } = ["AveragePool", "GlobalAveragePool", "LeakyRelu", "Sigmoid", "Softmax"];

    public NodePlan Plan(OnnxNode node, QuantizeContext context)
    {
        if (node.Outputs.Count(o => o.Length > 0) != 1)
        {
            return NodePlan.Float("the node has more than one output");
        }

        return context.Graph.IsInitializer(node.Input(0)) ? NodePlan.Float("the input is a constant")
            : context.RejectActivation(node.Input(0)) is { } why ? NodePlan.Float(why)
            : NodePlan.Compute([0]);
    }
}
