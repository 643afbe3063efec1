namespace ModelCompress.Engine.Config;

/// <summary><c>prune:</c> unstructured weight pruning, one-shot or gradual (with training).</summary>
public sealed record PruneSettings(
    string Method,
    double Sparsity,
    PruneScopeSetting Scope,
    PruneSchedule Schedule,
    PruneImportance Importance,
    IReadOnlyList<string>? Include,
    IReadOnlyList<string>? Exclude,
    TrainingSettings? Training) : IStepSettings
{
    public static IReadOnlyList<string> Keys { get; } = ["method", "sparsity", "scope", "schedule", "importance", "include", "exclude", "training"];

    public string Kind => "prune";

    public string RunnerKey => Schedule == PruneSchedule.Gradual ? "prune.gradual" : "prune.oneshot";

    public bool RequiresTorch => Schedule == PruneSchedule.Gradual;

    public IReadOnlyList<string> ReferencedFiles => [];

    public string CanonicalForm => new CanonicalText()
        .Add("method", Method).Add("sparsity", Sparsity).Add("scope", ConfigWords.NameOf(ConfigWords.Scopes, Scope))
        .Add("schedule", ConfigWords.NameOf(ConfigWords.Schedules, Schedule)).Add("importance", ConfigWords.NameOf(ConfigWords.Importances, Importance))
        .Add("include", Include).Add("exclude", Exclude).Add("training", Training?.Canonical()).ToString();

    internal static PruneSettings? Parse(YamlMap map)
    {
        var errorsBefore = map.Bag.Items.Count;
        var method = map.Word("method", ConfigWords.PruneMethods) ?? "magnitude";
        var sparsity = map.Double("sparsity", 0, 1, minExclusive: true, maxExclusive: true, required: true, hint: "the fraction of weights to zero, e.g. 'sparsity: 0.5'");
        var schedule = map.Choice("schedule", ConfigWords.Schedules) ?? PruneSchedule.OneShot;
        var importance = map.Choice("importance", ConfigWords.Importances) ?? PruneImportance.Magnitude;
        var trainingMap = map.Map("training", "prune.training", TrainingSettings.Keys);
        var training = trainingMap is null ? null : TrainingSettings.Parse(trainingMap);
        if (schedule == PruneSchedule.Gradual && !map.Has("training"))
        {
            map.Bag.Add(ConfigDiagnostics.MissingKey(map.Position, "training", "prune with schedule: gradual", "the gradual schedule prunes while fine-tuning; add e.g. 'training: { epochs: 3 }'"));
        }

        if (schedule == PruneSchedule.OneShot && map.Has("training"))
        {
            map.Bag.Add(ConfigDiagnostics.Conflict(map.KeyPosition("training"), "'training' only applies to 'schedule: gradual'; add 'schedule: gradual' or remove 'training' (or add a finetune step after this one)."));
        }

        if (importance == PruneImportance.Taylor && schedule == PruneSchedule.OneShot)
        {
            map.Bag.Add(ConfigDiagnostics.Conflict(map.KeyPosition("importance"), "'importance: taylor' needs gradients, so it needs 'schedule: gradual' with a training block."));
        }

        var settings = new PruneSettings(method, sparsity ?? 0, map.Choice("scope", ConfigWords.Scopes) ?? PruneScopeSetting.Global, schedule, importance,
            map.StringList("include"), map.StringList("exclude"), training);
        return map.Bag.Items.Count == errorsBefore ? settings : null;
    }
}
