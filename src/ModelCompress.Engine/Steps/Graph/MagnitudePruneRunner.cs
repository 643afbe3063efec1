namespace ModelCompress.Engine.Steps.Graph;

/// <summary><c>prune: { method: magnitude, schedule: oneshot }</c>: one-shot unstructured L1 pruning of weights.</summary>
public sealed class MagnitudePruneRunner : IStepRunner<PruneSettings>
{
    public string CacheSalt => "magnitude-v2";

    public StepResult Run(PruneSettings settings, StepInput input, StepContext context)
    {
        var limits = settings.Limits ?? PruneLimits.Default;
        var options = new MagnitudePruneOptions(
            settings.Sparsity,
            settings.Scope == Config.PruneScope.Layer ? PruneScope.Layer : PruneScope.Global,
            settings.Include,
            settings.Exclude,
            settings.Importance == PruneImportance.Lamp,
            limits.MaxLayerSparsity,
            limits.SkipFirstLast);
        var result = new MagnitudePruner(options).Prune(input.Model);
        var facts = new List<StepFact>
        {
            new("sparsity", F(result.Sparsity)),
            new("zeros", $"{result.Zeros}/{result.Elements}"),
        };
        facts.AddRange(result.Layers.Select(l => new StepFact($"layer {l.Node} ({l.OpType})", F(l.Sparsity))));
        facts.AddRange(PruneLimitFacts.Of(result, options));
        return new StepResult(result.Model, facts);
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
