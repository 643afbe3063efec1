namespace ModelCompress.Engine.Config;

/// <summary>The score that ranks weights.</summary>
public enum PruneImportance
{
    /// <summary>Absolute weight value.</summary>
    Magnitude,

    /// <summary>First-order Taylor estimate |w·∂L/∂w|: gradual schedule, or one-shot channel pruning with gradients from the train split.</summary>
    Taylor,

    /// <summary>Channel pruning: L1 norm of the channel's weights, summed over its group.</summary>
    L1,

    /// <summary>Channel pruning: L2 norm of the channel's weights, over its group.</summary>
    L2,

    /// <summary>Channel pruning: |γ| of the BatchNormalization that follows (network slimming). Spelled bn_scale: YAML names are the lower-cased members.</summary>
    Bn_Scale,

    /// <summary>Channel pruning: a seeded random order (a baseline).</summary>
    Random,

    /// <summary>
    /// Layer-adaptive magnitude (LAMP, Lee et al. 2021): w² divided by the sum of w² of the same layer's weights that
    /// are at least as large, so one global threshold never empties a layer; one-shot magnitude pruning only.
    /// </summary>
    Lamp,
}
