namespace ModelCompress.Torch.Training;

/// <summary>Accuracy vs sparsity per layer, with the unpruned model's accuracy and what it was measured against.</summary>
public sealed record SensitivityReport(double Baseline, string Metric, IReadOnlyList<SensitivityRow> Rows);
