namespace ModelCompress.Torch.Training;

/// <summary>
/// The learning rate per optimizer step: linear warm-up over the first <c>WarmupEpochs</c> epochs, then constant,
/// step decay (×gamma every <c>StepSize</c> epochs) or cosine decay to zero at the last step.
/// </summary>
public sealed class LearningRateSchedule
{
    private readonly TrainingOptions _options;
    private readonly long _stepsPerEpoch;
    private readonly long _warmupSteps;
    private readonly long _totalSteps;

    /// <summary>A schedule for <paramref name="stepsPerEpoch"/> optimizer steps per epoch.</summary>
    public LearningRateSchedule(TrainingOptions options, long stepsPerEpoch)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerEpoch, 1);
        _options = options;
        _stepsPerEpoch = stepsPerEpoch;
        _totalSteps = stepsPerEpoch * options.Epochs;
        _warmupSteps = Math.Min(stepsPerEpoch * options.WarmupEpochs, _totalSteps);
    }

    /// <summary>The rate for step <paramref name="step"/> (0-based, counted over all epochs).</summary>
    public double At(long step)
    {
        var lr = _options.Lr;
        if (step < _warmupSteps)
        {
            return lr * (step + 1) / _warmupSteps;
        }

        return _options.LrSchedule switch
        {
            Engine.Config.LrSchedule.Step => lr * Math.Pow(_options.Gamma, step / _stepsPerEpoch / Math.Max(1, _options.StepSize)),
            Engine.Config.LrSchedule.Cosine => Cosine(lr, step),
            _ => lr,
        };
    }

    // Decays from lr right after warm-up to 0 at the final step, as PyTorch's CosineAnnealingLR with T_max = steps.
    private double Cosine(double lr, long step)
    {
        var span = _totalSteps - _warmupSteps;
        return span <= 0 ? lr : lr * 0.5 * (1 + Math.Cos(Math.PI * (step - _warmupSteps) / span));
    }
}
