namespace ModelCompress.Engine.Config;

/// <summary>How static quantization turns observed activations into a range.</summary>
public enum CalibrationMethod
{
    /// <summary>The smallest and largest value seen.</summary>
    MinMax,

    /// <summary>The range that holds the given percentile of the values (outliers clipped).</summary>
    Percentile,

    /// <summary>The threshold that minimizes the KL divergence between the float and the quantized distribution.</summary>
    Entropy,
}
