namespace ModelCompress.Engine.Steps.Quantize.Calibration;

/// <summary>How activation ranges are found.</summary>
/// <param name="Method">minmax, percentile or entropy.</param>
/// <param name="Percentile">For percentile: the share of values (in %) the range must hold.</param>
/// <param name="Samples">Use only the first N calibration rows; null for all.</param>
public sealed record CalibrationOptions(CalibrationMethod Method = CalibrationMethod.MinMax, double Percentile = 99.999, int? Samples = null)
{
    /// <summary>The defaults (minmax over every row).</summary>
    public static CalibrationOptions Default { get; } = new();

    /// <summary>Fresh statistics of the chosen kind for one tensor.</summary>
    public ITensorStatistics NewStatistics() => Method switch
    {
        CalibrationMethod.Percentile => HistogramStatistics.Percentile(Percentile),
        CalibrationMethod.Entropy => HistogramStatistics.Entropy(),
        _ => new MinMaxStatistics(),
    };
}
