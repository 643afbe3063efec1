namespace ModelCompress.Engine.Steps.Graph;

/// <summary>One pruned weight: the node that uses it, and how many of its elements are zero afterwards.</summary>
public sealed record PrunedLayer(string Node, string OpType, string Weight, long Elements, long Zeros)
{
    /// <summary>Fraction of the weight's elements that are zero.</summary>
    public double Sparsity => Elements == 0 ? 0 : (double)Zeros / Elements;
}
