namespace ModelCompress.Torch.Training;

/// <summary>
/// How to train: the YAML training block resolved to numbers, plus the seed, the target validation accuracy that
/// ends training early (null: run every epoch) and the fixed libtorch thread count (results depend on it).
/// </summary>
public sealed record TrainingOptions(
    int Epochs,
    int BatchSize,
    OptimizerKind Optimizer,
    double Lr,
    double Momentum,
    bool Nesterov,
    double WeightDecay,
    LrSchedule LrSchedule,
    int WarmupEpochs,
    int StepSize,
    double Gamma,
    int Seed,
    bool EarlyStop,
    double? TargetAccuracy,
    int Threads = 1)
{
    /// <summary>Options from a YAML training block (its seed already defaults to the model's).</summary>
    public static TrainingOptions From(TrainingSettings settings, double? targetAccuracy)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new TrainingOptions(
            settings.Epochs, settings.BatchSize, settings.Optimizer, settings.Lr, settings.Momentum, settings.Nesterov,
            settings.WeightDecay, settings.LrSchedule, settings.WarmupEpochs, settings.StepSize ?? 1, settings.Gamma ?? 0.1,
            settings.Seed, settings.EarlyStop, targetAccuracy);
    }

    /// <summary>Adam at <paramref name="lr"/>, constant rate, no early stop: the common recipe tests and benches use.</summary>
    public static TrainingOptions Adam(int epochs, double lr = 1e-3, int batchSize = 64, int seed = 0) =>
        new(epochs, batchSize, OptimizerKind.Adam, lr, 0.9, false, 0, LrSchedule.Constant, 0, 1, 0.1, seed, false, null);
}
