using ModelCompress.Engine.Budgets;
using ModelCompress.Engine.Caching;

namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// Measures a latency budget honestly: the original and the compressed model timed in interleaved rounds in this
/// process, and when the verdict is inside the noise, re-measured with more rounds (twice at most) before it is
/// called inconclusive. A comparison of the same two models on the same rows, settings and machine is reused.
/// </summary>
internal static class LatencyCheck
{
    /// <summary>Re-measures after an inconclusive verdict, each adding as many rounds as were measured so far.</summary>
    public const int MaxRemeasures = 2;

    /// <returns>The comparison, or null when the model has no latency budget or latency is not measured.</returns>
    public static LatencyComparison? Compare(ModelConfig model, MetricsProbe probe, ModelArtifact original, ModelArtifact compressed, EvalDataset? data, EvaluationCache evaluations)
    {
        var options = probe.Options;
        if (model.Budgets.Latency is not { } budget || options.Iterations == 0)
        {
            return null;
        }

        var key = ContentHash.OfParts("latency", original.Hash, compressed.Hash,
            FormattableString.Invariant($"p{budget.Percentile}:{budget.MaxMs}:{budget.MaxRatio}"), probe.MeasurementKey(data));
        if (evaluations.TryGet<LatencyComparison>(key) is var (known, _))
        {
            return known;
        }

        var result = Measure(model, options, budget, original, compressed, data);
        evaluations.Put(key, result);
        return result;
    }

    private static LatencyComparison Measure(ModelConfig model, EvaluationOptions options, LatencyBudget budget, ModelArtifact original, ModelArtifact compressed, EvalDataset? data)
    {
        using var timing = InterleavedLatency.Start(original.Source, compressed.Source, data, options, budget.Percentile, model.Name);
        for (var attempt = 0; attempt < MaxRemeasures && BudgetChecker.LatencyOutcome(budget, timing.Result) == BudgetOutcome.Inconclusive; attempt++)
        {
            timing.Measure(timing.Result.Rounds);
        }

        return timing.Result;
    }
}
