namespace ModelCompress.Engine.Reporting;

/// <summary>A fact a step reports about its work (sparsity reached, nodes quantized, epochs run...).</summary>
public sealed record StepFact(string Key, string Value);
