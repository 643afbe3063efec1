namespace ModelCompress.Engine.Config;

/// <summary>How weights are chosen for removal (how their importance is used).</summary>
public enum PruneMethod
{
    /// <summary>Unstructured: the lowest-importance individual weights are set to zero.</summary>
    Magnitude,

    /// <summary>Structured: whole channels (with every tensor slice that depends on them) are removed from the graph.</summary>
    Channel,
}
