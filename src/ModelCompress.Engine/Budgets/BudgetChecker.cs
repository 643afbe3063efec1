namespace ModelCompress.Engine.Budgets;

/// <summary>
/// Compares the compressed model's metrics with its budgets. Relative budgets use the original measured in the
/// same run, so a noisy machine moves both sides together; latency, when an interleaved comparison is given, is
/// judged on its interval: passed when all of it is within the limit, failed when none is, else inconclusive.
/// </summary>
public static class BudgetChecker
{
    public static IReadOnlyList<BudgetVerdict> Check(BudgetsConfig budgets, ModelMetrics original, ModelMetrics compressed, LatencyComparison? interleaved = null)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        var verdicts = new List<BudgetVerdict>();
        if (budgets.Accuracy is { } accuracy)
        {
            verdicts.Add(CheckAccuracy(accuracy, original, compressed));
        }

        if (budgets.Latency is { } latency)
        {
            verdicts.Add(interleaved is null ? CheckLatency(latency, original, compressed) : CheckInterleaved(latency, interleaved));
        }

        if (budgets.Size is { } size)
        {
            verdicts.Add(CheckSize(size, original, compressed));
        }

        if (budgets.Macs is { } macs)
        {
            verdicts.Add(MacsBudgetCheck.Check(macs, original, compressed));
        }

        return verdicts;
    }

    /// <summary>The diagnostic for a broken or unmeasurable budget, at the budget's position in the YAML.</summary>
    public static Diagnostic? ToDiagnostic(string modelName, BudgetVerdict verdict, DiagnosticSeverity severity) => verdict.Outcome switch
    {
        BudgetOutcome.Failed => new Diagnostic(
            CodeOf(verdict.Budget),
            severity,
            $"Model '{modelName}' breaks its {verdict.Budget} budget: {verdict.Detail}. Loosen the budget or change the steps.",
            verdict.Position),
        BudgetOutcome.Inconclusive => Diagnostic.Warning(
            "MC2020",
            $"Model '{modelName}': the {verdict.Budget} budget is inconclusive: {verdict.Detail}. The difference is inside the measurement noise; " +
            "measure on a quieter machine, raise evaluation iterations, or use a max_ratio budget with a wider margin.",
            verdict.Position),
        BudgetOutcome.NotMeasured => Diagnostic.Warning(
            verdict.Budget == "macs" ? MacsBudgetCheck.NotCountedCode : "MC2004",
            $"Model '{modelName}': the {verdict.Budget} budget was not checked: {verdict.Detail}.",
            verdict.Position),
        _ => null,
    };

    private static string CodeOf(string budget) => budget switch
    {
        "accuracy" => "MC2001",
        "latency" => "MC2002",
        "macs" => MacsBudgetCheck.BrokenCode,
        _ => "MC2003",
    };

    private static BudgetVerdict CheckAccuracy(AccuracyBudget budget, ModelMetrics original, ModelMetrics compressed)
    {
        // metric: agreement is honoured even when labels exist, as training steps' early stopping honours it.
        var agreement = budget.Metric == AccuracyMetric.Agreement || original.Accuracy is null;
        var metric = agreement ? "agreement" : "top-1";
        // The original agrees with itself; agreement on generated rows (no data) measures nothing.
        double? before = agreement ? (compressed.Agreement is null || compressed.Samples is null ? null : 1.0) : original.Accuracy;
        double? after = agreement ? compressed.Agreement : compressed.Accuracy;
        if (before is not { } b || after is not { } a)
        {
            var limitName = budget.MaxDrop is null ? "max_relative_drop" : "max_drop";
            return new BudgetVerdict("accuracy", limitName, budget.MaxDrop ?? budget.MaxRelativeDrop ?? 0, null, "", BudgetOutcome.NotMeasured, budget.Position,
                "no data was given, so accuracy could not be measured; add a data section");
        }

        var (drop, beforeValue, afterValue) = (b - a, b, a);
        if (budget.MaxDrop is { } maxDrop)
        {
            return Verdict("accuracy", "max_drop", maxDrop, drop, "", drop <= maxDrop + 1e-12, budget.Position,
                $"{metric} fell by {F(drop)} from {F(beforeValue)} to {F(afterValue)}, more than max_drop {F(maxDrop)}");
        }

        var relative = beforeValue == 0 ? 0 : drop / beforeValue;
        var maxRelative = budget.MaxRelativeDrop ?? 0;
        return Verdict("accuracy", "max_relative_drop", maxRelative, relative, "", relative <= maxRelative + 1e-12, budget.Position,
            $"{metric} fell by {F(relative * 100)} % (from {F(beforeValue)} to {F(afterValue)}), more than max_relative_drop {F(maxRelative)}");
    }

    private static BudgetVerdict CheckLatency(LatencyBudget budget, ModelMetrics original, ModelMetrics compressed)
    {
        var p = budget.Percentile;
        if (compressed.Latency is null || original.Latency is null)
        {
            return new BudgetVerdict("latency", budget.MaxMs is null ? "max_ratio" : "max_ms", budget.MaxMs ?? budget.MaxRatio ?? 0, null, "ms",
                BudgetOutcome.NotMeasured, budget.Position, "latency was not measured (evaluation iterations is 0)");
        }

        var after = compressed.Latency.AtPercentile(p);
        var before = original.Latency.AtPercentile(p);
        if (budget.MaxMs is { } maxMs)
        {
            return Verdict("latency", "max_ms", maxMs, after, "ms", after <= maxMs, budget.Position,
                $"p{p} latency is {F(after)} ms (original {F(before)} ms), over max_ms {F(maxMs)}");
        }

        var ratio = before == 0 ? 0 : after / before;
        var maxRatio = budget.MaxRatio ?? 0;
        return Verdict("latency", "max_ratio", maxRatio, ratio, "x", ratio <= maxRatio, budget.Position,
            $"p{p} latency is {F(after)} ms, {F(ratio)}x the original's {F(before)} ms, over max_ratio {F(maxRatio)}");
    }

    /// <summary>
    /// The widest interval, relative to the median, that still gives a verdict: a measurement less precise than
    /// ±15 % says nothing a CI gate should act on, whichever side of the limit it falls.
    /// </summary>
    public const double MaxRelativeInterval = 0.30;

    /// <summary>Where an interleaved measurement leaves a latency budget (pass, fail or inconclusive).</summary>
    public static BudgetOutcome LatencyOutcome(LatencyBudget budget, LatencyComparison c)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(c);
        var (median, low, high, limit) = budget.MaxMs is { } maxMs
            ? (c.CompressedMs, c.CompressedLowMs, c.CompressedHighMs, maxMs)
            : (c.Ratio, c.RatioLow, c.RatioHigh, budget.MaxRatio ?? 0);
        if (median <= 0 || (high - low) / median > MaxRelativeInterval)
        {
            return BudgetOutcome.Inconclusive;
        }

        return high <= limit ? BudgetOutcome.Passed : low > limit ? BudgetOutcome.Failed : BudgetOutcome.Inconclusive;
    }

    private static BudgetVerdict CheckInterleaved(LatencyBudget budget, LatencyComparison c)
    {
        var outcome = LatencyOutcome(budget, c);
        var p = c.Percentile;
        var measured = string.Create(CultureInfo.InvariantCulture,
            $"p{p} latency {F(c.CompressedMs)} ms (interval {F(c.CompressedLowMs)}–{F(c.CompressedHighMs)}) against the original's {F(c.OriginalMs)} ms, " +
            $"ratio {F(c.Ratio)}x (interval {F(c.RatioLow)}–{F(c.RatioHigh)}x) over {c.Rounds} interleaved rounds");
        return budget.MaxMs is { } maxMs
            ? new BudgetVerdict("latency", "max_ms", maxMs, c.CompressedMs, "ms", outcome, budget.Position, $"{measured}; max_ms {F(maxMs)}")
            : new BudgetVerdict("latency", "max_ratio", budget.MaxRatio ?? 0, c.Ratio, "x", outcome, budget.Position, $"{measured}; max_ratio {F(budget.MaxRatio ?? 0)}");
    }

    private static BudgetVerdict CheckSize(SizeBudget budget, ModelMetrics original, ModelMetrics compressed)
    {
        var afterKb = compressed.SizeBytes / 1024.0;
        var beforeKb = original.SizeBytes / 1024.0;
        if (budget.MaxKb is { } maxKb)
        {
            return Verdict("size", "max_kb", maxKb, afterKb, "KB", afterKb <= maxKb, budget.Position,
                $"the model is {F(afterKb)} KB (original {F(beforeKb)} KB), over max_kb {F(maxKb)}");
        }

        var ratio = (double)compressed.SizeBytes / original.SizeBytes;
        var maxRatio = budget.MaxRatio ?? 0;
        return Verdict("size", "max_ratio", maxRatio, ratio, "x", ratio <= maxRatio, budget.Position,
            $"the model is {F(afterKb)} KB, {F(ratio)}x the original's {F(beforeKb)} KB, over max_ratio {F(maxRatio)}");
    }

    internal static BudgetVerdict Verdict(string budget, string limitName, double limit, double actual, string unit, bool passed, SourcePosition position, string detail) =>
        new(budget, limitName, limit, actual, unit, passed ? BudgetOutcome.Passed : BudgetOutcome.Failed, position, detail);

    internal static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
