namespace ModelCompress.Engine.Steps;

/// <summary>What a step works on: the model as the previous step left it, the original, and its own configuration.</summary>
public sealed record StepInput(OnnxModel Model, OnnxModel Original, StepConfig Step, ModelConfig ModelConfig);
