namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>The quantized model and what happened to each node.</summary>
/// <param name="Model">The QDQ model.</param>
/// <param name="Nodes">One decision per node of the input model, in topological order.</param>
/// <param name="PerChannel">Whether weights got per-channel scales (false below opset 13 even when asked).</param>
public sealed record StaticQuantizeResult(OnnxModel Model, IReadOnlyList<NodeDecision> Nodes, bool PerChannel)
{
    /// <summary>Compute nodes that now run as int8 kernels (once ORT fuses them).</summary>
    public int ComputeCount => Nodes.Count(n => n.Role == NodeRole.Compute);
}
