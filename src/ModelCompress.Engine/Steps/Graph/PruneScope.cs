namespace ModelCompress.Engine.Steps.Graph;

/// <summary>Where the sparsity target applies.</summary>
public enum PruneScope
{
    /// <summary>One magnitude threshold over all prunable weights together: layers end up with different sparsity.</summary>
    Global,

    /// <summary>Each layer's weight is pruned to the target on its own.</summary>
    Layer,
}
