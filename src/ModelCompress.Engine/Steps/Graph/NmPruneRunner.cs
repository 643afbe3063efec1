namespace ModelCompress.Engine.Steps.Graph;

/// <summary><c>prune: { method: nm, n: 2, m: 4 }</c>: semi-structured N:M masks on the graph.</summary>
public sealed class NmPruneRunner : IStepRunner<NmPruneSettings>
{
    /// <summary>What the report says about speed: the pattern is for hardware that can skip the zeros.</summary>
    public const string HardwareNote =
        "masks only: ONNX Runtime's CPU provider runs these weights densely, so size, MACs and latency do not change; " +
        "the N:M pattern (2:4) is meant for sparse tensor cores (NVIDIA Ampere or newer via TensorRT with sparse weights enabled)";

    public string CacheSalt => "nm-v1";

    public StepResult Run(NmPruneSettings settings, StepInput input, StepContext context)
    {
        var result = new NmPruner(settings.N, settings.M, settings.Include, settings.Exclude).Prune(input.Model);
        var facts = new List<StepFact>
        {
            new("pattern", $"{settings.N}:{settings.M} along the input dimension, verified in {result.Layers.Count} tensors"),
            new("sparsity", F(result.Elements == 0 ? 0 : (double)result.Zeros / result.Elements)),
            new("zeros", $"{result.Zeros}/{result.Elements}"),
            new("note", HardwareNote),
        };
        facts.AddRange(result.Layers.Select(l => new StepFact($"layer {l.Node} ({l.OpType})", F(l.Sparsity))));
        facts.AddRange(result.Skipped.Select(s => new StepFact($"dense {s.Node}", s.Why)));
        return new StepResult(result.Model, facts);
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
