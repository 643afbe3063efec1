namespace ModelCompress.Engine.Steps.Graph;

/// <summary>Settings of unstructured L1 magnitude pruning.</summary>
/// <param name="Sparsity">Fraction of weights set to zero, in [0, 1).</param>
/// <param name="Scope">One threshold over all weights, or the target per layer.</param>
/// <param name="Include">Node names to prune (null or empty: every Conv/Gemm/MatMul with a weight initializer).</param>
/// <param name="Exclude">Node names to leave alone.</param>
/// <param name="Lamp">Rank by LAMP scores instead of raw magnitude (matters for the global scope only).</param>
/// <param name="MaxLayerSparsity">Global scope: no layer is pruned beyond this fraction (1: no ceiling).</param>
/// <param name="SkipFirstLast">Leave the first layers and the classifier dense unless named in <paramref name="Include"/>.</param>
public sealed record MagnitudePruneOptions(
    double Sparsity,
    PruneScope Scope = PruneScope.Global,
    IReadOnlyList<string>? Include = null,
    IReadOnlyList<string>? Exclude = null,
    bool Lamp = false,
    double MaxLayerSparsity = 1.0,
    bool SkipFirstLast = false)
{
    /// <summary>Throws when the sparsity is out of range (the config layer reports it with a position first).</summary>
    public void Validate()
    {
        if (double.IsNaN(Sparsity) || Sparsity < 0 || Sparsity >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Sparsity), Sparsity, "Sparsity must be at least 0 and below 1.");
        }

        if (double.IsNaN(MaxLayerSparsity) || MaxLayerSparsity <= 0 || MaxLayerSparsity > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLayerSparsity), MaxLayerSparsity, "The layer ceiling must be above 0 and at most 1.");
        }
    }
}
