namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>What static quantization did with one node, for the report.</summary>
/// <param name="Node">The node's display name.</param>
/// <param name="OpType">Its op type.</param>
/// <param name="Role">Float, compute (int8 kernel), pass-through (int8 data) or a fused activation.</param>
/// <param name="Reason">Why it stayed in float; null otherwise.</param>
public sealed record NodeDecision(string Node, string OpType, NodeRole Role, string? Reason)
{
    /// <summary>True unless the node stayed in float.</summary>
    public bool Quantized => Role != NodeRole.Float;
}
