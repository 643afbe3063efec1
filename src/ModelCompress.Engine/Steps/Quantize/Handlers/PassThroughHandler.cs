namespace ModelCompress.Engine.Steps.Quantize.Handlers;

/// <summary>
/// Ops that only move, select or take the maximum of values: ONNX Runtime drops the DequantizeLinear/QuantizeLinear
/// around them when both sides share one scale and zero point, and runs them on the int8 data. MaxPool needs
/// opset 12 (int8 MaxPool) and its single output. ORT runs Resize on int8 data only in nearest mode: a linear or cubic
/// Resize between DQ and Q would stay float with two extra nodes, so it is left in float.
/// </summary>
internal sealed class PassThroughHandler : IQuantizeHandler
{
    public IReadOnlyList<string> OpTypes { get; } =
        ["MaxPool", "Resize", "Reshape", "Transpose", "Flatten", "Squeeze", "Unsqueeze", "Split", "Slice", "Gather", "Expand", "Tile"];

    public NodePlan Plan(OnnxNode node, QuantizeContext context)
    {
        if (node.OpType == "MaxPool" && (context.Opset < 12 || node.Outputs.Count(o => o.Length > 0) != 1))
        {
            return NodePlan.Float(context.Opset < 12 ? $"int8 MaxPool needs opset 12 (this model is opset {context.Opset}; re-export it with opset 13, which also gives per-channel weights)" : "MaxPool also returns indices");
        }

        if (node.OpType == "Resize" && node.GetString("mode", "nearest") != "nearest")
        {
            return NodePlan.Float($"ONNX Runtime runs Resize on int8 data in nearest mode only, not '{node.GetString("mode")}'");
        }

        return context.Graph.IsInitializer(node.Input(0)) ? NodePlan.Float("the data input is a constant")
            : context.RejectActivation(node.Input(0)) is { } why ? NodePlan.Float(why)
            : NodePlan.PassThrough();
    }
}
