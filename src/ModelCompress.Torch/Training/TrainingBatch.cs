namespace ModelCompress.Torch.Training;

/// <summary>One batch: inputs by model input name, labels (-1 where none) and how many rows carry a label.</summary>
public sealed record TrainingBatch(IReadOnlyDictionary<string, Tensor> Inputs, Tensor? Labels, int Rows, int LabelledRows);
