namespace ModelCompress.Torch.Training;

/// <summary>The accuracy with one layer pruned alone to one sparsity (the other layers untouched).</summary>
public sealed record SensitivityRow(string Node, string OpType, string Initializer, long Elements, double Sparsity, double Accuracy);
