namespace ModelCompress.Engine.Reporting.Html;

/// <summary>
/// One layer's (or channel group's) line of a sensitivity analysis (<c>modelcompress sensitivity</c>): the validation
/// score after pruning that layer alone to each sparsity.
/// </summary>
public sealed record SensitivityCurve(string Layer, string Metric, double Baseline, IReadOnlyList<(double Sparsity, double Score)> Points);
