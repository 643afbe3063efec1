using ModelCompress.Engine.Budgets;
using ModelCompress.Engine.Reporting;

namespace ModelCompress.Engine.Tests.Budgets;

public sealed class MacsBudgetTests
{
    private static readonly SourcePosition At = new("compression.yaml", 12, 7);

    private static readonly ComputeCost Cnn = MacCounter.Count(OnnxModel.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "digits", "digits_cnn.onnx")));

    private static readonly ComputeCost Mlp = MacCounter.Count(OnnxModel.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "digits", "digits_mlp.onnx")));

    [Fact]
    public void Ratio_budget_passes_when_the_model_does_less_work()
    {
        var verdict = Check(new MacsBudget(null, 0.5, At, At), Cnn, Mlp);

        Assert.Equal(BudgetOutcome.Passed, verdict.Outcome);
        Assert.Equal((double)Mlp.Macs / Cnn.Macs, verdict.Actual!.Value, 12);
        Assert.Null(BudgetChecker.ToDiagnostic("digits", verdict, DiagnosticSeverity.Error));
    }

    [Fact]
    public void Same_macs_break_a_ratio_budget_with_MC2010_at_the_budget()
    {
        var verdict = Check(new MacsBudget(null, 0.5, At, At), Cnn, Cnn);

        Assert.Equal(BudgetOutcome.Failed, verdict.Outcome);
        var diagnostic = BudgetChecker.ToDiagnostic("digits", verdict, DiagnosticSeverity.Error)!;
        Assert.Equal(("MC2010", At), (diagnostic.Code, diagnostic.Position!.Value));
        Assert.Contains("1,788,544 MACs per sample", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absolute_budget_compares_macs_per_sample()
    {
        Assert.Equal(BudgetOutcome.Passed, Check(new MacsBudget(1_788_544, null, At, At), Cnn, Cnn).Outcome);
        Assert.Equal(BudgetOutcome.Failed, Check(new MacsBudget(1_788_543, null, At, At), Cnn, Cnn).Outcome);
    }

    [Fact]
    public void A_model_with_uncounted_nodes_is_not_judged_and_warns_MC2011_naming_them()
    {
        var partial = Cnn with { Uncounted = ["custom_op"] };

        var verdict = Check(new MacsBudget(null, 2, At, At), Cnn, partial);

        Assert.Equal(BudgetOutcome.NotMeasured, verdict.Outcome);
        var diagnostic = BudgetChecker.ToDiagnostic("digits", verdict, DiagnosticSeverity.Error)!;
        Assert.Equal(("MC2011", DiagnosticSeverity.Warning), (diagnostic.Code, diagnostic.Severity));
        Assert.Contains("custom_op", diagnostic.Message, StringComparison.Ordinal);
    }

    private static BudgetVerdict Check(MacsBudget budget, ComputeCost original, ComputeCost compressed) =>
        Assert.Single(BudgetChecker.Check(BudgetsConfig.None with { Macs = budget }, Metrics(original), Metrics(compressed)));

    private static ModelMetrics Metrics(ComputeCost cost) => new(1000, 10, 10, null, null, null, null, null, "cpu", cost);
}
