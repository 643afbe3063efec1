namespace ModelCompress.Engine.Data;

/// <summary>
/// Feeds the array (npz/npy: array name; csv: a column range <c>p0..p63</c> or a comma-separated column list) to a
/// model input. An empty <see cref="ModelInput"/> means the model's only input.
/// </summary>
public sealed record ArrayBinding(string ModelInput, string Array);
