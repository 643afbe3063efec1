namespace ModelCompress.Engine.Steps.Graph;

/// <summary><c>prune: { method: heads }</c>: removes attention heads from the graph.</summary>
public sealed class HeadPruneRunner : IStepRunner<NeuronPruneSettings>
{
    public string CacheSalt => "heads-v3";

    public StepResult Run(NeuronPruneSettings settings, StepInput input, StepContext context)
    {
        var result = new HeadPruner(settings.Sparsity, settings.Include, settings.Exclude, settings.Importance, context.Seed, input.Step.PositionOf).Prune(input.Model);
        return new StepResult(result.Model, result.Blocks.Select(b => new StepFact($"attention {b.Up} → {b.Down}", $"{b.Before} → {b.After} heads")).ToList());
    }
}
