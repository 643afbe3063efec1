namespace ModelCompress.Engine.Steps;

/// <summary>
/// Every kind of step, declared once. Training kinds are declared here too (their YAML is validated without
/// libtorch); the Torch assembly binds their runners. Add a kind here, bind its runner in <see cref="GraphSteps"/>
/// or <c>TorchSteps</c>, and the config reader, the registry and the cache key all know it.
/// </summary>
public static class StepKinds
{
    public static StepKind<PrepareSettings> Prepare { get; } = new("prepare", "prepare", PrepareSettings.Read, requiresTraining: false);

    public static StepKind<PruneSettings> MagnitudePrune { get; } =
        new("prune.oneshot", "prune", PruneStepReader.Read, requiresTraining: false, when: s => s.Schedule == PruneSchedule.Oneshot);

    public static StepKind<PruneSettings> GradualPrune { get; } =
        new("prune.gradual", "prune", PruneStepReader.Read, requiresTraining: true, when: s => s.Schedule == PruneSchedule.Gradual);

    public static StepKind<ChannelPruneSettings> ChannelPrune { get; } = new(
        "prune.channel", "prune", PruneStepReader.Read, requiresTraining: false,
        when: s => s.Schedule == PruneSchedule.Oneshot && s.Importance != PruneImportance.Taylor);

    public static StepKind<ChannelPruneSettings> GradualChannelPrune { get; } =
        new("prune.channel.gradual", "prune", PruneStepReader.Read, requiresTraining: true, when: s => s.Schedule == PruneSchedule.Gradual);

    // Gradients from seeded batches of the train split; no validation, no budget: nothing trains.
    public static StepKind<ChannelPruneSettings> TaylorChannelPrune { get; } = new(
        "prune.channel.taylor", "prune", PruneStepReader.Read, requiresTraining: true,
        when: s => s.Schedule == PruneSchedule.Oneshot && s.Importance == PruneImportance.Taylor,
        dataSections: _ => ["train"], readsAccuracyBudget: _ => false);

    public static StepKind<NmPruneSettings> NmPrune { get; } =
        new("prune.nm", "prune", PruneStepReader.Read, requiresTraining: false, when: s => s.Schedule == PruneSchedule.Oneshot);

    public static StepKind<NmPruneSettings> GradualNmPrune { get; } =
        new("prune.nm.gradual", "prune", PruneStepReader.Read, requiresTraining: true, when: s => s.Schedule == PruneSchedule.Gradual);

    public static StepKind<NeuronPruneSettings> NeuronPrune { get; } =
        new("prune.neurons", "prune", PruneStepReader.Read, requiresTraining: false, when: s => s.Method == PruneMethod.Neurons);

    public static StepKind<NeuronPruneSettings> HeadPrune { get; } =
        new("prune.heads", "prune", PruneStepReader.Read, requiresTraining: false, when: s => s.Method == PruneMethod.Heads);

    public static StepKind<QuantizeSettings> DynamicQuantize { get; } =
        new("quantize.dynamic", "quantize", QuantizeSettings.Read, requiresTraining: false, when: s => s.Mode == QuantizeMode.Dynamic);

    public static StepKind<Fp16QuantizeSettings> Fp16Quantize { get; } = new("quantize.fp16", "quantize", QuantizeSettings.Read, requiresTraining: false);

    public static StepKind<WeightOnlyQuantizeSettings> WeightOnlyQuantize { get; } =
        new("quantize.weight_only", "quantize", QuantizeSettings.Read, requiresTraining: false);

    // Calibration falls back to the evaluation inputs when there is none, and the fallback search judges the
    // budget on validation (else evaluation) rows: all three enter the key.
    public static StepKind<StaticQuantizeSettings> StaticQuantize { get; } = new(
        "quantize.static", "quantize", QuantizeSettings.Read, requiresTraining: false,
        dataSections: _ => ["calibration", "evaluation", "validation"], readsAccuracyBudget: s => s.FallbackMaxNodes > 0);

    public static StepKind<DistillSettings> Distill { get; } = new("distill", "distill", DistillSettings.Read, requiresTraining: true);

    public static StepKind<FinetuneSettings> Finetune { get; } = new("finetune", "finetune", FinetuneSettings.Read, requiresTraining: true);

    /// <summary>All kinds, in declaration order.</summary>
    public static IReadOnlyList<StepKind> All { get; } =
    [
        Prepare, MagnitudePrune, GradualPrune, ChannelPrune, GradualChannelPrune, TaylorChannelPrune, NmPrune, GradualNmPrune, NeuronPrune, HeadPrune,
        DynamicQuantize, Fp16Quantize, WeightOnlyQuantize, StaticQuantize, Distill, Finetune,
    ];

    /// <summary>The kinds written under the <c>prune</c> key.</summary>
    public static IReadOnlyList<StepKind> Pruning { get; } = [MagnitudePrune, GradualPrune, ChannelPrune, NmPrune, GradualNmPrune, NeuronPrune, HeadPrune];

    /// <summary>The kinds written under the <c>quantize</c> key.</summary>
    public static IReadOnlyList<StepKind> Quantizing { get; } = [DynamicQuantize, Fp16Quantize, WeightOnlyQuantize, StaticQuantize];

    /// <summary>The kind <paramref name="settings"/> belong to.</summary>
    /// <exception cref="ArgumentException">No kind describes them (a settings record nobody declared).</exception>
    public static StepKind Of(IStepSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return All.FirstOrDefault(k => k.Describes(settings))
            ?? throw new ArgumentException($"No step kind describes settings of type {settings.GetType().Name}.", nameof(settings));
    }

    /// <summary>The reader of the step written as <paramref name="yamlKey"/>, or null when no kind has that key.</summary>
    internal static SettingsReader? ReaderFor(string yamlKey) => All.FirstOrDefault(k => k.YamlKey == yamlKey)?.Read;
}
