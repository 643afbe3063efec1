namespace ModelCompress.Engine.Config;

/// <summary>How weights are chosen for removal (how their importance is used).</summary>
public enum PruneMethod
{
    /// <summary>Unstructured: the lowest-importance individual weights are set to zero.</summary>
    Magnitude,

    /// <summary>Structured: whole channels (with every tensor slice that depends on them) are removed from the graph.</summary>
    Channel,

    /// <summary>Semi-structured N:M: at most n non-zero weights in every m along the input dimension (masks only).</summary>
    Nm,

    /// <summary>Structured: whole intermediate neurons of feed-forward blocks are removed (both MatMuls shrink).</summary>
    Neurons,

    /// <summary>Structured: whole attention heads are removed (Q/K/V and output projections shrink).</summary>
    Heads,
}
