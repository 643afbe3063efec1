namespace ModelCompress.Engine.Config;

/// <summary>A data split used by training steps: inputs and, optionally, labels.</summary>
public sealed record SplitConfig(IReadOnlyList<InputBinding> Inputs, ArrayRef? Labels);
