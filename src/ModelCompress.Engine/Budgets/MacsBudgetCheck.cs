using static ModelCompress.Engine.Budgets.BudgetChecker;

namespace ModelCompress.Engine.Budgets;

/// <summary>
/// The <c>macs</c> budget: MACs per sample counted from the graph's shapes. A model with a node the counter cannot
/// count (an unknown op, shapes it cannot infer) is not measured rather than judged on a total that is too small.
/// </summary>
internal static class MacsBudgetCheck
{
    /// <summary>The compressed model does more MACs than the budget allows.</summary>
    public const string BrokenCode = "MC2010";

    /// <summary>The MACs of the original or the compressed model could not be counted completely.</summary>
    public const string NotCountedCode = "MC2011";

    public static BudgetVerdict Check(MacsBudget budget, ModelMetrics original, ModelMetrics compressed)
    {
        var limitName = budget.Max is null ? "max_ratio" : "max";
        var limit = budget.Max ?? budget.MaxRatio ?? 0;
        if ((Incomplete(original, "original") ?? Incomplete(compressed, "compressed model")) is { } why)
        {
            return new BudgetVerdict("macs", limitName, limit, null, budget.Max is null ? "x" : "MACs", BudgetOutcome.NotMeasured, budget.Position,
                $"{why}; MACs are counted for standard ONNX ops with inferable shapes");
        }

        var before = original.Compute!.Macs;
        var after = compressed.Compute!.Macs;
        if (budget.Max is { } max)
        {
            return Verdict("macs", "max", max, after, "MACs", after <= max, budget.Position,
                $"the model does {M(after)} MACs per sample (original {M(before)}), over max {F(max)}");
        }

        var ratio = before == 0 ? 0 : (double)after / before;
        var maxRatio = budget.MaxRatio ?? 0;
        return Verdict("macs", "max_ratio", maxRatio, ratio, "x", ratio <= maxRatio, budget.Position,
            $"the model does {M(after)} MACs per sample, {F(ratio)}x the original's {M(before)}, over max_ratio {F(maxRatio)}");
    }

    private static string M(long macs) => macs.ToString("N0", CultureInfo.InvariantCulture);

    private static string? Incomplete(ModelMetrics metrics, string which) => metrics.Compute switch
    {
        null => $"the {which}'s MACs were not counted",
        { IsComplete: false } c => $"the {which} has nodes whose MACs could not be counted: {string.Join(", ", c.Uncounted.Take(5))}"
            + (c.Uncounted.Count > 5 ? $" and {c.Uncounted.Count - 5} more" : string.Empty),
        _ => null,
    };
}
