namespace ModelCompress.Engine.Steps;

/// <summary>A progress note from a long step (an epoch of training, say); Fraction is 0..1 when known.</summary>
public sealed record StepProgress(string Message, double? Fraction = null);
