namespace ModelCompress.Engine.Steps.Graph;

/// <summary>The pruned model and what happened to each prunable weight.</summary>
/// <param name="Model">The pruned model.</param>
/// <param name="Layers">Each pruned weight.</param>
/// <param name="KeptDense">First and classifier layers left dense (skip_first_last), by node name.</param>
/// <param name="Capped">Layers held at the max_layer_sparsity ceiling, by node name.</param>
public sealed record MagnitudePruneResult(
    OnnxModel Model,
    IReadOnlyList<PrunedLayer> Layers,
    IReadOnlyList<string>? KeptDense = null,
    IReadOnlyList<string>? Capped = null)
{
    /// <summary>Elements of all prunable weights.</summary>
    public long Elements => Layers.Sum(l => l.Elements);

    /// <summary>Zeros among them.</summary>
    public long Zeros => Layers.Sum(l => l.Zeros);

    /// <summary>Sparsity over all prunable weights (biases and other tensors not counted).</summary>
    public double Sparsity => Elements == 0 ? 0 : (double)Zeros / Elements;
}
