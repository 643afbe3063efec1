namespace ModelCompress.Onnx.Metrics;

/// <summary>
/// What <see cref="MacCounter.Count"/> found: totals per sample, one entry per node that computes, and the nodes it
/// could not count (an op it does not know, or shapes it could not infer), so a total is never silently short.
/// </summary>
/// <param name="Macs">Multiply-accumulates of the whole graph for one sample.</param>
/// <param name="Flops">Floating-point operations of the whole graph for one sample.</param>
/// <param name="Layers">Every node with a non-zero cost, in graph order.</param>
/// <param name="Uncounted">Display names of nodes left out of the totals, in graph order.</param>
public sealed record ComputeCost(long Macs, long Flops, IReadOnlyList<LayerCost> Layers, IReadOnlyList<string> Uncounted)
{
    /// <summary>True when every node was counted, so the totals are complete.</summary>
    public bool IsComplete => Uncounted.Count == 0;
}
