using ModelCompress.Onnx.Metrics;

namespace ModelCompress.Engine.Reporting;

/// <summary>
/// What one evaluation of one model measured. Accuracy is top-1 against labels; without labels the engine reports
/// agreement with the original's predictions instead, and accuracy stays null. <see cref="Compute"/> holds MACs and
/// FLOPs per sample, in total and per layer, counted from the graph's inferred shapes.
/// </summary>
public sealed record ModelMetrics(
    long SizeBytes,
    long Parameters,
    long NonZeroParameters,
    double? Accuracy,
    double? Agreement,
    double? MaxAbsError,
    int? Samples,
    LatencyStats? Latency,
    string Provider,
    ComputeCost? Compute = null)
{
    public double Sparsity => Parameters == 0 ? 0 : 1.0 - ((double)NonZeroParameters / Parameters);

    /// <summary>The quality figure budgets compare: accuracy when labels exist, else agreement with the original.</summary>
    public double? Quality => Accuracy ?? Agreement;
}
