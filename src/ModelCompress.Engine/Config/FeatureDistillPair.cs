namespace ModelCompress.Engine.Config;

/// <summary>A pair of intermediate tensors matched by an MSE loss during distillation.</summary>
public sealed record FeatureDistillPair(string Teacher, string Student);
