namespace ModelCompress.Engine.Config;

/// <summary>Settings of the <c>finetune</c> step: train the current model (pruned weights stay zero).</summary>
/// <param name="Training">The training block.</param>
public sealed record FinetuneSettings(TrainingSettings Training) : IStepSettings
{
    /// <inheritdoc />
    public string Kind => "finetune";

    /// <inheritdoc />
    public string CanonicalForm => new CanonicalText(Kind).AddRaw("training", Training.CanonicalForm).ToString();

    internal static FinetuneSettings? Read(MappingReader map, StepReadContext step)
    {
        var present = map.Require("training", "Add 'training:' with at least epochs and lr.");
        var training = TrainingBlock.Read(map, step, stepDistills: false);
        return present && training is not null ? new FinetuneSettings(training) : null;
    }
}
