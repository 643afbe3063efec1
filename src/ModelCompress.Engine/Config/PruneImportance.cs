namespace ModelCompress.Engine.Config;

/// <summary>The score that ranks weights.</summary>
public enum PruneImportance
{
    /// <summary>Absolute weight value.</summary>
    Magnitude,

    /// <summary>First-order Taylor estimate (weight times gradient); needs gradual schedule.</summary>
    Taylor,
}
