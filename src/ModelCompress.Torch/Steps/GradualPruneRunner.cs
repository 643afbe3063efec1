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
        return TrainingStep.Run(
            TrainingStepSpec.OfCurrentModel("prune", input, training) with { Prune = settings },
            input,
            context);
    }
}
