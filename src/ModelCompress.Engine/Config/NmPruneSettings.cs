using System.Numerics;

namespace ModelCompress.Engine.Config;

/// <summary>
/// Settings of <c>prune: { method: nm, n: 2, m: 4 }</c>: in every run of m consecutive weights along the input
/// dimension of a Conv/Gemm/MatMul weight, at most n stay non-zero (the others become zero; masks only).
/// </summary>
/// <param name="N">Non-zero weights kept per group (1 ≤ n &lt; m).</param>
/// <param name="M">Group length: a power of two up to 16 (2:4 is what sparse tensor cores run).</param>
/// <param name="Include">Only these nodes are pruned (empty: all eligible).</param>
/// <param name="Exclude">These nodes are never pruned.</param>
/// <param name="Schedule">oneshot (default): the pattern at once on the graph; gradual: zeros per group grow along the cubic ramp while training.</param>
/// <param name="Training">The training of the gradual schedule; null for oneshot.</param>
public sealed record NmPruneSettings(
    int N,
    int M,
    IReadOnlyList<string> Include,
    IReadOnlyList<string> Exclude,
    PruneSchedule Schedule = PruneSchedule.Oneshot,
    TrainingSettings? Training = null) : IStepSettings
{
    /// <summary>Default n (2:4).</summary>
    public const int DefaultN = 2;

    /// <summary>Default m (2:4).</summary>
    public const int DefaultM = 4;

    /// <summary>Largest group length accepted.</summary>
    public const int MaxM = 16;

    /// <inheritdoc />
    public string Kind => "prune";

    /// <summary>The sparsity of a fully pruned tensor, 1 − n/m.</summary>
    public double Sparsity => 1.0 - ((double)N / M);

    /// <inheritdoc />
    public string CanonicalForm
    {
        get
        {
            // A one-shot step's form predates the schedule key, so its cache keys stay as they were.
            var text = new CanonicalText(Kind).Add("method", PruneMethod.Nm).Add("n", N).Add("m", M).AddSet("include", Include).AddSet("exclude", Exclude);
            return (Training is { } training ? text.Add("schedule", Schedule).AddRaw("training", training.CanonicalForm) : text).ToString();
        }
    }

    internal static NmPruneSettings? Read(MappingReader map, StepReadContext step)
    {
        map.Forbid("method is nm", "N:M pruning keeps n of every m weights, so its sparsity is 1 − n/m; set n and m instead.",
            "sparsity", "scope", "importance", "max_layer_sparsity", "skip_first_last");
        var schedule = map.Choice<PruneSchedule>("schedule") ?? PruneSchedule.Oneshot;
        TrainingSettings? training = null;
        if (schedule == PruneSchedule.Gradual)
        {
            training = PruneSettings.ReadGradualTraining(map, step);
        }
        else
        {
            map.Forbid("schedule is oneshot",
                "One-shot N:M pruning does not train: set 'schedule: gradual' to prune while training, or add a finetune step after it.", "training");
        }

        var n = map.Has("n") ? map.Integer("n", NumberRange.AtLeast(1)) : DefaultN;
        var m = map.Has("m") ? map.Integer("m", NumberRange.AtLeast(2)) : DefaultM;
        var valid = n is not null && m is not null;
        if (m is { } groupLength && (groupLength > MaxM || !BitOperations.IsPow2(groupLength)))
        {
            map.Context.Report(Diagnostic.Error(
                "MC1061",
                $"m is {groupLength}: N:M groups must be a power of two no larger than {MaxM} (2, 4, 8 or 16). Use m: 4 for sparse tensor cores.",
                map.Value("m")!.Position));
            valid = false;
        }
        else if (n is { } kept && m is { } length && kept >= length)
        {
            var at = map.Value("n")?.Position ?? map.Value("m")!.Position;
            map.Context.Report(Diagnostic.Error(
                "MC1060",
                $"n is {kept} and m is {length}: N:M keeps n of every m weights, so n must be below m (e.g. n: 2, m: 4).",
                at));
            valid = false;
        }

        var include = map.Names("include") ?? [];
        var exclude = map.Names("exclude") ?? [];
        var trainingOk = schedule == PruneSchedule.Oneshot || training is not null;
        return valid && trainingOk ? new NmPruneSettings(n!.Value, m!.Value, include, exclude, schedule, training) : null;
    }
}
