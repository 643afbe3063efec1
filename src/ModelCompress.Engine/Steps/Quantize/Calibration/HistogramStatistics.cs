namespace ModelCompress.Engine.Steps.Quantize.Calibration;

/// <summary>
/// Percentile or entropy calibration over a streamed <see cref="SymmetricHistogram"/>: the threshold t is found on
/// the magnitudes and the range is [-t, t] cut to what was actually seen, so a tensor that is never negative
/// (after a ReLU) keeps its lower bound at 0 and spends all quantization levels on [0, t].
/// </summary>
public sealed class HistogramStatistics : ITensorStatistics
{
    private readonly SymmetricHistogram _histogram;
    private readonly Func<long[], float, bool, float> _threshold;

    private HistogramStatistics(SymmetricHistogram histogram, Func<long[], float, bool, float> threshold)
    {
        _histogram = histogram;
        _threshold = threshold;
    }

    /// <summary>Percentile calibration: the magnitude below which <paramref name="percentile"/> % of the values lie.</summary>
    public static HistogramStatistics Percentile(double percentile, int binsPerSide = 2048) =>
        new(new SymmetricHistogram(binsPerSide), (bins, bound, _) => CalibrationThresholds.Percentile(bins, bound, percentile));

    /// <summary>Entropy calibration: the KL-divergence-minimizing threshold.</summary>
    public static HistogramStatistics Entropy(int binsPerSide = 2048) =>
        new(new SymmetricHistogram(binsPerSide), (bins, bound, oneSided) =>
            CalibrationThresholds.Entropy(bins, bound, oneSided ? 255 : 128));

    /// <inheritdoc />
    public void Add(ReadOnlySpan<float> values) => _histogram.Add(values);

    /// <inheritdoc />
    public TensorRange? Range()
    {
        var h = _histogram;
        if (h.Min > h.Max)
        {
            return null;
        }

        if (h.Bound == 0f)
        {
            return new TensorRange(0f, 0f);
        }

        var t = _threshold(h.Magnitudes(), h.Bound, h.Min >= 0f);
        return new TensorRange(MathF.Max(h.Min, -t), MathF.Min(h.Max, t));
    }
}
