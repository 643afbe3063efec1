namespace ModelCompress.Engine.Steps.Quantize.Calibration;

/// <summary>The smallest and largest finite value seen (ONNX Runtime's MinMax calibrator, without moving average).</summary>
public sealed class MinMaxStatistics : ITensorStatistics
{
    private float _min = float.PositiveInfinity;
    private float _max = float.NegativeInfinity;

    /// <inheritdoc />
    public void Add(ReadOnlySpan<float> values)
    {
        var (min, max) = FiniteRange.Of(values);
        _min = MathF.Min(_min, min);
        _max = MathF.Max(_max, max);
    }

    /// <inheritdoc />
    public TensorRange? Range() => _min <= _max ? new TensorRange(_min, _max) : null;
}
