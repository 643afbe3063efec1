namespace ModelCompress.Torch.Steps;

/// <summary>
/// <c>finetune:</c> trains the current model on the labelled train split with the training block (plus KD from
/// the original when the block has <c>distill:</c>). Holds no libtorch state: creating it never loads libtorch.
/// </summary>
public sealed class FinetuneRunner : IStepRunner<FinetuneSettings>
{
    /// <inheritdoc />
    public string CacheSalt => TorchSteps.Salt;

    /// <inheritdoc />
    public StepResult Run(FinetuneSettings settings, StepInput input, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        return TrainingStep.Run(TrainingStepSpec.OfCurrentModel("finetune", input, settings.Training), input, context);
    }
}
