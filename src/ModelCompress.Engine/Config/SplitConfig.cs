namespace ModelCompress.Engine.Config;

/// <summary>A named subset of the data file (training or validation): inputs and optional labels.</summary>
public sealed record SplitConfig(IReadOnlyList<InputBinding> Inputs, ArrayRef? Labels);
