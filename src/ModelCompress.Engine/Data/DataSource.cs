namespace ModelCompress.Engine.Data;

/// <summary>
/// Where a model's data comes from, in plain terms (the config layer maps its records to this).
/// <see cref="Format"/> is <c>npz</c>, <c>npy</c> or <c>csv</c>; <see cref="Labels"/> names an array (npz) or a
/// column (csv); for <c>npy</c> the file holds one array, whose name is the file name without extension.
/// </summary>
public sealed record DataSource(
    string Path,
    string Format,
    IReadOnlyList<ArrayBinding> Inputs,
    string? Labels,
    IReadOnlyList<ArrayBinding>? Calibration,
    SplitSource? Train,
    SplitSource? Validation);
