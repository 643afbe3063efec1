namespace ModelCompress.Engine.Data;

/// <summary>A split of rows: arrays by model input name, optional labels, row count.</summary>
public sealed record LabeledSplit(IReadOnlyDictionary<string, NdArray> Inputs, long[]? Labels, int Count);
