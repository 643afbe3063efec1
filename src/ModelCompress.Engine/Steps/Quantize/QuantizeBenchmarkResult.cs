namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>The figures of one <see cref="QuantizeBenchmark"/> run.</summary>
public sealed record QuantizeBenchmarkResult(
    int CalibrationRows,
    IReadOnlyList<double> FloatInferenceRoundsMs,
    IReadOnlyList<double> CalibrationRoundsMs,
    long PeakWorkingSetBytes,
    double? FloatTop1,
    double? Int8Top1,
    IReadOnlyList<double> FloatP50Ms,
    IReadOnlyList<double> Int8P50Ms,
    IReadOnlyList<FusionCount> Fusion,
    IReadOnlyList<NodeDecision> Nodes)
{
    /// <summary>Median over rounds of plain float inference of the calibration rows.</summary>
    public double FloatInferenceMs => Median(FloatInferenceRoundsMs);

    /// <summary>Median over rounds of calibration (the same rows, statistics included).</summary>
    public double CalibrationMs => Median(CalibrationRoundsMs);

    /// <summary>Median over rounds of calibration / (1.5 × float inference + 1 s): at most 1 meets issue 6's target.</summary>
    public double CalibrationBudgetRatio => Median(CalibrationRoundsMs.Zip(FloatInferenceRoundsMs, (c, f) => c / ((1.5 * f) + 1000)).ToList());

    /// <summary>Median over rounds of the float p50.</summary>
    public double FloatP50 => Median(FloatP50Ms);

    /// <summary>Median over rounds of the int8 p50.</summary>
    public double Int8P50 => Median(Int8P50Ms);

    /// <summary>Float p50 / int8 p50: how many times faster int8 runs.</summary>
    public double Speedup => FloatP50 / Int8P50;

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
