namespace ModelCompress.Engine.Steps.Graph;

/// <summary><c>prune: { method: neurons }</c>: removes FFN intermediate neurons from the graph.</summary>
public sealed class NeuronPruneRunner : IStepRunner<NeuronPruneSettings>
{
    public string CacheSalt => "neurons-v2";

    public StepResult Run(NeuronPruneSettings settings, StepInput input, StepContext context)
    {
        var result = new NeuronPruner(settings.Sparsity, settings.Include, settings.Exclude, settings.Importance, context.Seed,
            settings.RoundTo, settings.MinChannels, input.Step.PositionOf).Prune(input.Model);
        var facts = result.Blocks
            .Select(b => new StepFact($"block {b.Up} → {b.Down}", $"{b.Before} → {b.After} neurons"))
            .ToList();
        return new StepResult(result.Model, facts);
    }
}
