using ModelCompress.Onnx.Preparation;

namespace ModelCompress.Engine.Steps.Prepare;

/// <summary>Which passes of <see cref="GraphPreparation"/> run. Constant nodes always become initializers and shapes are always inferred.</summary>
/// <param name="FoldConstants">Compute initializer-only subgraphs (and Shape of static dims) ahead of time.</param>
/// <param name="FoldBatchNorm">Fold inference-mode BatchNormalization into the Conv/Gemm/MatMul before it.</param>
/// <param name="RemovePassThrough">Remove Identity and inference-mode Dropout.</param>
/// <param name="Limits">How far constant folding may grow the model.</param>
public sealed record PreparationOptions(bool FoldConstants, bool FoldBatchNorm, bool RemovePassThrough, ConstantFoldingLimits Limits)
{
    /// <summary>Every pass, default limits.</summary>
    public static PreparationOptions Default { get; } = new(true, true, true, ConstantFoldingLimits.Default);

    /// <summary>Text of every value that changes the result, for cache keys.</summary>
    public string CanonicalForm =>
        FormattableString.Invariant($"fold_constants={FoldConstants};fold_batchnorm={FoldBatchNorm};remove_identity={RemovePassThrough};")
        + FormattableString.Invariant($"max_growth={Limits.MaxGrowthBytes};exclude={string.Join(",", Limits.Excluded.Order(StringComparer.Ordinal))}");
}
