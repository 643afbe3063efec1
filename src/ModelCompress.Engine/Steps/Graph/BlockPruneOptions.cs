namespace ModelCompress.Engine.Steps.Graph;

/// <summary>How <see cref="BlockPruning"/> removes units: the fraction per block, selection, ranking and the floor.</summary>
/// <param name="Sparsity">Fraction of each block's units removed (rounded to the nearest unit).</param>
/// <param name="Include">Only these blocks (by node name; empty or null: all).</param>
/// <param name="Exclude">Blocks left alone.</param>
/// <param name="Importance">L1, L2 or Random.</param>
/// <param name="Seed">Seed of the random order.</param>
/// <param name="RoundTo">Kept counts rounded to a multiple of this (1: none).</param>
/// <param name="MinUnits">No block keeps fewer; null: a sparsity that would empty a block is an error.</param>
/// <param name="At">Where a setting is written in the YAML (for diagnostics), or null outside a config.</param>
internal sealed record BlockPruneOptions(
    double Sparsity,
    IReadOnlyList<string>? Include,
    IReadOnlyList<string>? Exclude,
    PruneImportance Importance,
    int Seed,
    int RoundTo = 1,
    int? MinUnits = null,
    Func<string, SourcePosition>? At = null);
