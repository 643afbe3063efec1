namespace ModelCompress.Engine.Config;

/// <summary>When pruning happens.</summary>
public enum PruneSchedule
{
    /// <summary>All at once on the graph, no training.</summary>
    Oneshot,

    /// <summary>Sparsity rises over training epochs (needs TorchSharp).</summary>
    Gradual,
}
