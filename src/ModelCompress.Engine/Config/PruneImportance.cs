namespace ModelCompress.Engine.Config;

/// <summary>The score that ranks weights.</summary>
public enum PruneImportance
{
    /// <summary>Absolute weight value.</summary>
    Magnitude,

    /// <summary>First-order Taylor estimate (weight times gradient); needs gradual schedule.</summary>
    Taylor,

    /// <summary>
    /// Layer-adaptive magnitude (LAMP, Lee et al. 2021): w² divided by the sum of w² of the same layer's weights that
    /// are at least as large, so one global threshold never empties a layer; one-shot magnitude pruning only.
    /// </summary>
    Lamp,
}
