namespace ModelCompress.Torch.Steps;

/// <summary>
/// <c>prune: { schedule: gradual }</c>: prunes the current model while fine-tuning it (cubic sparsity ramp, masks
/// re-applied after every optimizer step, magnitude or Taylor importance, global or per-layer), with KD from the
/// original when the training block has <c>distill:</c>. Pruned weights are exact zeros in the output.
/// </summary>
public sealed class GradualPruneRunner : IStepRunner<PruneSettings>
{
    /// <inheritdoc />
    public string CacheSalt => TorchSteps.Salt;

    /// <inheritdoc />
    public StepResult Run(PruneSettings settings, StepInput input, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var training = settings.Training ?? throw new InvalidOperationException("The config layer requires 'training' for a gradual prune.");
        var kd = training.Distill;
        return TrainingStep.Run(
            new TrainingStepSpec("prune", input.Model, kd is null ? null : input.Original, kd?.Temperature ?? 1, kd?.Alpha ?? 0, [], training, LabelsRequired: kd is null, settings),
            input,
            context);
    }
}
