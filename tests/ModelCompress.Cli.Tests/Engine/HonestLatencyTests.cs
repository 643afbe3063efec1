using ModelCompress.Engine.Budgets;
using ModelCompress.Engine.Evaluation;

namespace ModelCompress.Cli.Tests.Engine;

/// <summary>
/// Latency budgets judged on an interleaved A/B measurement with an interval: pass or fail only when the whole
/// interval is on one side of the limit, else inconclusive (MC2020). No test here asserts a speed.
/// </summary>
public sealed class HonestLatencyTests
{
    private static readonly SourcePosition At = new("compression.yaml", 14, 7);

    [Fact]
    public void Median_interval_of_ten_rounds_spans_the_second_to_the_ninth_value()
    {
        double[] original = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
        double[] compressed = [0.5, 0.9, 0.6, 0.7, 0.55, 0.65, 0.8, 0.75, 0.62, 0.58];

        var c = LatencyComparison.From(95, original, compressed);

        Assert.Equal(10, c.Rounds);
        Assert.Equal((0.62 + 0.65) / 2, c.Ratio, 12);
        Assert.Equal(0.55, c.RatioLow, 12);
        Assert.Equal(0.8, c.RatioHigh, 12);
    }

    [Theory]
    [InlineData(0.75, 0.6, 0.7, "Passed")]
    [InlineData(0.55, 0.6, 0.7, "Failed")]
    [InlineData(0.65, 0.6, 0.7, "Inconclusive")]
    [InlineData(5.0, 0.4, 0.9, "Inconclusive")] // far from the limit, but too imprecise (more than ±15 %) to act on
    public void Ratio_budget_is_decided_by_where_a_precise_enough_interval_lies(double maxRatio, double low, double high, string expected)
    {
        var c = new LatencyComparison(95, 1.0, 0.65, 0.6, 0.7, 0.65, low, high, 10);
        var budget = new LatencyBudget(95, null, maxRatio, At, At);

        Assert.Equal(expected, BudgetChecker.LatencyOutcome(budget, c).ToString());
    }

    [Fact]
    public void Inconclusive_latency_budget_is_a_warning_not_a_pass_or_a_failure()
    {
        var c = new LatencyComparison(50, 1.0, 0.65, 0.6, 0.8, 0.65, 0.55, 0.8, 40);
        var budget = new LatencyBudget(50, null, 0.7, At, At);
        var budgets = new BudgetsConfig(null, budget, null);
        var metrics = new ModelCompress.Engine.Reporting.ModelMetrics(1000, 10, 10, null, null, null, null, null, "cpu");

        var verdict = Assert.Single(BudgetChecker.Check(budgets, metrics, metrics, c));
        var diagnostic = BudgetChecker.ToDiagnostic("digits", verdict, DiagnosticSeverity.Error);

        Assert.Equal(BudgetOutcome.Inconclusive, verdict.Outcome);
        Assert.Equal("MC2020", diagnostic!.Code);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("40 interleaved rounds", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latency_budget_in_a_run_reports_the_interleaved_ratio_and_its_interval()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml.Replace(
            "accuracy: { metric: top1, max_drop: 0.02 }", "latency: { percentile: 50, max_ratio: 1000 }"));

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        var budget = Assert.Single(outcome.Report!.Models[0].Budgets);
        Assert.Equal("pass", budget.Verdict);
        Assert.Contains("interleaved rounds", budget.Detail, StringComparison.Ordinal);
        // A noisy machine widens the first 10 rounds' interval and the check measures again (20, then 40 rounds).
        Assert.Matches(@"ratio [0-9.]+x \(interval [0-9.]+–[0-9.]+x\) over (10|20|40) interleaved rounds", budget.Detail);
    }
}
