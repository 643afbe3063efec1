using ModelCompress.Engine.Budgets;
using ModelCompress.Engine.Config;
using ModelCompress.Engine.Data;
using ModelCompress.Engine.Evaluation;

namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// Measures a latency budget honestly: the original and the compressed model timed in interleaved rounds in this
/// process, and when the verdict is inside the noise, re-measured with more rounds (twice at most) before it is
/// called inconclusive.
/// </summary>
internal static class LatencyCheck
{
    /// <summary>Re-measures after an inconclusive verdict, each adding as many rounds as were measured so far.</summary>
    public const int MaxRemeasures = 2;

    /// <returns>The comparison, or null when the model has no latency budget or latency is not measured.</returns>
    public static LatencyComparison? Compare(ModelConfig model, EvaluationOptions options, byte[] original, byte[] compressed, EvalDataset? data)
    {
        if (model.Budgets.Latency is not { } budget || options.Iterations == 0)
        {
            return null;
        }

        using var timing = InterleavedLatency.Start(original, compressed, data, options, budget.Percentile, model.Name);
        for (var attempt = 0; attempt < MaxRemeasures && BudgetChecker.LatencyOutcome(budget, timing.Result) == BudgetOutcome.Inconclusive; attempt++)
        {
            timing.Measure(timing.Result.Rounds);
        }

        return timing.Result;
    }
}
