namespace ModelCompress.Engine.Config;

/// <summary>Where the sparsity target applies.</summary>
public enum PruneScope
{
    /// <summary>One threshold across all pruned tensors.</summary>
    Global,

    /// <summary>Each pruned tensor reaches the sparsity on its own.</summary>
    Layer,
}
