namespace ModelCompress.Engine.Config;

/// <summary><c>finetune:</c> train the current model on the labelled training split.</summary>
public sealed record FinetuneSettings(TrainingSettings Training) : IStepSettings
{
    public static IReadOnlyList<string> Keys { get; } = ["training"];

    public string Kind => "finetune";

    public string RunnerKey => "finetune";

    public bool RequiresTorch => true;

    public IReadOnlyList<string> ReferencedFiles => [];

    public string CanonicalForm => new CanonicalText().Add("training", Training.Canonical()).ToString();

    internal static FinetuneSettings? Parse(YamlMap map)
    {
        var trainingMap = map.Map("training", "finetune.training", TrainingSettings.Keys, required: true, hint: "add e.g. 'training: { epochs: 3, lr: 0.0001 }'");
        var training = trainingMap is null ? null : TrainingSettings.Parse(trainingMap);
        return training is null ? null : new FinetuneSettings(training);
    }
}
