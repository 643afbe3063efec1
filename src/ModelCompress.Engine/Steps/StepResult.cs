namespace ModelCompress.Engine.Steps;

/// <summary>A step's output model and the facts it reports.</summary>
public sealed record StepResult(OnnxModel Model, IReadOnlyList<StepFact> Facts);
