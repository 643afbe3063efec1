namespace ModelCompress.Engine.Steps.Quantize.Calibration;

/// <summary>
/// Running statistics of one activation, fed batch by batch. Implementations keep a fixed amount of state
/// (a min/max pair or a histogram), so memory does not grow with the number of calibration samples.
/// </summary>
public interface ITensorStatistics
{
    /// <summary>Adds the values of one batch.</summary>
    void Add(ReadOnlySpan<float> values);

    /// <summary>The range to quantize over, from everything added so far; null when nothing finite was seen.</summary>
    TensorRange? Range();
}
