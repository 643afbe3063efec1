namespace ModelCompress.Engine.Steps.Graph;

/// <summary>The N:M-pruned model, each weight pruned, and each weight left dense with the reason.</summary>
public sealed record NmPruneResult(OnnxModel Model, IReadOnlyList<PrunedLayer> Layers, IReadOnlyList<(string Node, string Why)> Skipped)
{
    /// <summary>Elements of the pruned weights.</summary>
    public long Elements => Layers.Sum(l => l.Elements);

    /// <summary>Zeros among them.</summary>
    public long Zeros => Layers.Sum(l => l.Zeros);
}
