namespace ModelCompress.Engine.Config;

/// <summary>Which data feeds one model input.</summary>
/// <param name="ModelInput">The ONNX graph input name.</param>
/// <param name="Array">The array name (.npz), or for CSV the columns as written (<c>p0..p63</c>, or names joined by commas).</param>
/// <param name="Position">The position of the value.</param>
/// <param name="Columns">CSV only: the column names in order, ranges expanded; null for NumPy files.</param>
public sealed record InputBinding(string ModelInput, string Array, SourcePosition Position, IReadOnlyList<string>? Columns = null);
