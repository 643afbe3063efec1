namespace ModelCompress.Engine.Data;

/// <summary>A further split of the same data file (train or validation): its input arrays and optional labels.</summary>
public sealed record SplitSource(IReadOnlyList<ArrayBinding> Inputs, string? Labels);
