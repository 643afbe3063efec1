namespace ModelCompress.Torch.Training;

/// <summary>One epoch: mean training loss, validation accuracy (or score), the rate it ended at, and its wall time.</summary>
public sealed record EpochRecord(int Epoch, double Loss, double Accuracy, double LearningRate, TimeSpan Duration, bool Final);
