namespace ModelCompress.Engine.Steps.Graph;

/// <summary>Settings of unstructured L1 magnitude pruning.</summary>
/// <param name="Sparsity">Fraction of weights set to zero, in [0, 1).</param>
/// <param name="Scope">One threshold over all weights, or the target per layer.</param>
/// <param name="Include">Node names to prune (null or empty: every Conv/Gemm/MatMul with a weight initializer).</param>
/// <param name="Exclude">Node names to leave alone.</param>
public sealed record MagnitudePruneOptions(
    double Sparsity,
    PruneScope Scope = PruneScope.Global,
    IReadOnlyList<string>? Include = null,
    IReadOnlyList<string>? Exclude = null)
{
    /// <summary>Throws when the sparsity is out of range (the config layer reports it with a position first).</summary>
    public void Validate()
    {
        if (double.IsNaN(Sparsity) || Sparsity < 0 || Sparsity >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Sparsity), Sparsity, "Sparsity must be at least 0 and below 1.");
        }
    }
}
