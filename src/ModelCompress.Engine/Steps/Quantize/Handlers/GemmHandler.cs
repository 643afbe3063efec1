namespace ModelCompress.Engine.Steps.Quantize.Handlers;

/// <summary>
/// Gemm → QGemm (com.microsoft): activation A, int8 weight B per output column (axis 0 when transB, else 1),
/// int32 bias C. QGemm may end in float, so a Gemm whose output is a graph output still runs in int8.
/// </summary>
internal sealed class GemmHandler : IQuantizeHandler
{
    public IReadOnlyList<string> OpTypes { get; } = ["Gemm"];

    public NodePlan Plan(OnnxNode node, QuantizeContext context)
    {
        if (context.FloatInitializer(node.Input(1)) is not { Dims.Count: 2 } weight)
        {
            return NodePlan.Float("the weight B is not a 2-D float32 initializer");
        }

        var transB = node.GetInt("transB") != 0;
        var columns = weight.Dims[transB ? 0 : 1];
        BiasInput? bias = null;
        if (node.Input(2).Length > 0)
        {
            // The int32 bias is added to the accumulator as is, so it must be exactly C with one value per column.
            if (context.FloatInitializer(node.Input(2)) is not { } c || c.ElementCount != columns || c.Dims.Count > 2 || (c.Dims.Count == 2 && c.Dims[0] != 1))
            {
                return NodePlan.Float("the bias C is not a float32 initializer with one value per output column");
            }

            if (node.GetFloat("alpha", 1f) != 1f || node.GetFloat("beta", 1f) != 1f)
            {
                return NodePlan.Float("alpha or beta is not 1, so the bias cannot share the product's int32 scale");
            }

            bias = new BiasInput(2);
        }

        return context.RejectActivation(node.Input(0)) is { } why
            ? NodePlan.Float(why)
            : NodePlan.Compute([0], new WeightInput(1, transB ? 0 : 1), bias);
    }
}
