namespace ModelCompress.Engine.Config;

/// <summary>The one <c>training</c> block shape shared by every step that trains.</summary>
public sealed record TrainingSettings(
    int Epochs,
    int BatchSize,
    OptimizerKind Optimizer,
    double Lr,
    double Momentum,
    bool Nesterov,
    double WeightDecay,
    LrScheduleKind LrSchedule,
    int WarmupEpochs,
    int StepSize,
    double Gamma,
    int? Seed,
    bool EarlyStop,
    DistillLossSettings? Distill)
{
    public static IReadOnlyList<string> Keys { get; } =
        ["epochs", "batch_size", "optimizer", "lr", "momentum", "nesterov", "weight_decay", "lr_schedule", "warmup_epochs", "step_size", "gamma", "seed", "early_stop", "distill"];

    internal static TrainingSettings? Parse(YamlMap map)
    {
        var epochs = map.Int("epochs", min: 1, required: true, hint: "how many passes over the training data, e.g. 'epochs: 3'");
        var distill = map.Map("distill", "training.distill", DistillLossSettings.Keys);
        var settings = new TrainingSettings(
            epochs ?? 1,
            map.Int("batch_size", min: 1) ?? 64,
            map.Choice("optimizer", ConfigWords.Optimizers) ?? OptimizerKind.Adam,
            map.Double("lr", min: 0, minExclusive: true) ?? 0.001,
            map.Double("momentum", 0, 1) ?? 0.9,
            map.Bool("nesterov") ?? false,
            map.Double("weight_decay", min: 0) ?? 0,
            map.Choice("lr_schedule", ConfigWords.LrSchedules) ?? LrScheduleKind.Constant,
            map.Int("warmup_epochs", min: 0) ?? 0,
            map.Int("step_size", min: 1) ?? 1,
            map.Double("gamma", 0, 1, minExclusive: true) ?? 0.1,
            map.Int("seed", min: 0),
            map.Bool("early_stop") ?? true,
            distill is null ? null : DistillLossSettings.Parse(distill));
        return epochs is null ? null : settings;
    }

    internal CanonicalText Canonical() => new CanonicalText()
        .Add("epochs", Epochs).Add("batch_size", BatchSize).Add("optimizer", ConfigWords.NameOf(ConfigWords.Optimizers, Optimizer))
        .Add("lr", Lr).Add("momentum", Momentum).Add("nesterov", Nesterov).Add("weight_decay", WeightDecay)
        .Add("lr_schedule", ConfigWords.NameOf(ConfigWords.LrSchedules, LrSchedule)).Add("warmup_epochs", WarmupEpochs)
        .Add("step_size", StepSize).Add("gamma", Gamma).Add("seed", Seed).Add("early_stop", EarlyStop)
        .Add("distill", Distill?.Canonical());
}
