namespace ModelCompress.Onnx.Preparation;

/// <summary>What constant folding may do: how much a folded node may add to the model, and op types it must leave.</summary>
/// <param name="MaxGrowthBytes">
/// How many bytes a node's outputs may exceed its inputs by (default 1 MiB): a Transpose or Reshape of a weight
/// folds at any size, a ConstantOfShape or Expand into a large tensor does not.
/// </param>
/// <param name="Excluded">Op types never folded, beyond the non-deterministic and control-flow ones.</param>
public sealed record ConstantFoldingLimits(long MaxGrowthBytes, IReadOnlySet<string> Excluded)
{
    /// <summary>1 MiB of growth, nothing else excluded.</summary>
    public static ConstantFoldingLimits Default { get; } = new(1L << 20, new HashSet<string>(StringComparer.Ordinal));
}
