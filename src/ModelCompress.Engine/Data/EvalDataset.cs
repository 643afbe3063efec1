namespace ModelCompress.Engine.Data;

/// <summary>
/// Checked data for one model: evaluation inputs by model input name (all with <see cref="Count"/> rows),
/// labels when given, and the optional calibration, train and validation splits.
/// </summary>
public sealed record EvalDataset(
    IReadOnlyDictionary<string, NdArray> Inputs,
    long[]? Labels,
    int Count,
    IReadOnlyDictionary<string, NdArray>? Calibration,
    LabeledSplit? Train,
    LabeledSplit? Validation);
