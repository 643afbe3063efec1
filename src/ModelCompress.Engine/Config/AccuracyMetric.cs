namespace ModelCompress.Engine.Config;

/// <summary>What the accuracy budget measures.</summary>
public enum AccuracyMetric
{
    /// <summary>Top-1 accuracy against the labels.</summary>
    Top1,

    /// <summary>Top-1 agreement with the original model (no labels needed).</summary>
    Agreement,
}
