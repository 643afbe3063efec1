namespace ModelCompress.Engine.Config;

/// <summary>
/// Settings of the <c>prepare</c> step (graph preparation). The same preparation also runs, with defaults,
/// before the first prune or quantize step when no prepare step comes earlier.
/// </summary>
/// <param name="FoldConstants">Compute initializer-only subgraphs ahead of time (default true).</param>
/// <param name="FoldBatchNorm">Fold BatchNormalization into the Conv/Gemm/MatMul before it (default true).</param>
/// <param name="RemoveIdentity">Remove Identity and inference-mode Dropout nodes (default true).</param>
/// <param name="MaxFoldGrowthKb">How many KiB one folded node may add to the model (default 1024).</param>
public sealed record PrepareSettings(bool FoldConstants, bool FoldBatchNorm, bool RemoveIdentity, int MaxFoldGrowthKb) : IStepSettings
{
    /// <summary>The default growth limit of constant folding, in KiB.</summary>
    public const int DefaultMaxFoldGrowthKb = 1024;

    /// <summary>Every pass on, default limit: what the implicit preparation uses.</summary>
    public static PrepareSettings Default { get; } = new(true, true, true, DefaultMaxFoldGrowthKb);

    /// <inheritdoc />
    public string Kind => "prepare";

    /// <inheritdoc />
    public string CanonicalForm => new CanonicalText(Kind).Add("fold_constants", FoldConstants).Add("fold_batchnorm", FoldBatchNorm)
        .Add("remove_identity", RemoveIdentity).Add("max_fold_growth_kb", MaxFoldGrowthKb).ToString();

    internal static PrepareSettings? Read(MappingReader map, StepReadContext step)
    {
        _ = step;
        var foldConstants = map.Bool("fold_constants") ?? true;
        if (!foldConstants)
        {
            map.Forbid("fold_constants is false", "Remove 'max_fold_growth_kb' or set 'fold_constants: true'.", "max_fold_growth_kb");
        }

        var growth = map.Has("max_fold_growth_kb") ? map.Integer("max_fold_growth_kb", NumberRange.Between(0, 1 << 22)) : DefaultMaxFoldGrowthKb;
        return growth is { } kb
            ? new PrepareSettings(foldConstants, map.Bool("fold_batchnorm") ?? true, map.Bool("remove_identity") ?? true, kb)
            : null;
    }
}
