namespace ModelCompress.Engine.Config;

/// <summary>An intermediate tensor of the teacher matched to one of the student (feature distillation).</summary>
public sealed record FeaturePair(string Teacher, string Student, SourcePosition Position);
