namespace ModelCompress.Cli.Tests.Engine;

/// <summary>MACs in report.json and report.md, and the macs budget, through a real engine run.</summary>
public sealed class MacsReportTests
{
    [Fact]
    public void Neuron_pruning_cuts_the_mlp_macs_so_a_half_macs_budget_passes()
    {
        using var project = new TempProject();
        project.WriteConfig(DigitsYaml.For("""
            - prune: { method: neurons, sparsity: 0.5 }
            - quantize: { mode: dynamic }
            """, "macs: { max_ratio: 0.5 }", "digits_mlp.onnx"));

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        var model = Assert.Single(outcome.Report!.Models);
        Assert.Equal((50_432L, 17_024L), (model.Original!.Compute!.Macs, model.Steps[0].Metrics!.Compute!.Macs));
        Assert.Contains(model.Steps[0].Facts, f => f.Key == "block /fc1/Gemm → /fc2/Gemm" && f.Value == "256 → 128 neurons");
        Assert.Equal("pass", Assert.Single(model.Budgets).Verdict);
        Assert.True(model.Compressed!.SizeBytes < model.Original.SizeBytes / 2);
    }

    [Fact]
    public void Unstructured_pruning_keeps_the_macs_so_a_macs_budget_breaks_with_MC2010_at_its_line()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml.Replace("accuracy: { metric: top1, max_drop: 0.02 }", "macs: { max_ratio: 0.9 }"));

        var outcome = EngineRun.Run(project);

        var error = EngineRun.SingleError(outcome);
        Assert.Equal(("MC2010", 14, 7), (error.Code, error.Position?.Line, error.Position?.Column));
        Assert.Contains("1,788,544", error.Message, StringComparison.Ordinal);
        var report = ReportJson.Deserialize(File.ReadAllText(Path.Combine(project.OutputDir, "report.json")));
        var model = Assert.Single(report.Models);
        Assert.Equal(1_788_544, model.Original!.Compute!.Macs);
        Assert.Equal(4, model.Original.Compute.Layers.Count(l => l.Macs > 0));
        Assert.Equal(1_788_544, model.Steps[0].Metrics!.Compute!.Macs);
        Assert.True(model.Steps[1].Metrics!.Compute!.IsComplete, string.Join(", ", model.Steps[1].Metrics!.Compute!.Uncounted));
        Assert.Equal(1_788_544, model.Steps[1].Metrics!.Compute!.Macs);
        var budget = Assert.Single(model.Budgets);
        Assert.Equal(("macs", "fail", 1.0), (budget.Budget, budget.Verdict, budget.Actual));
        var markdown = File.ReadAllText(Path.Combine(project.OutputDir, "report.md"));
        Assert.Contains("| M MACs |", markdown, StringComparison.Ordinal);
        Assert.Contains("| /conv2/Conv | Conv | 1179.648 | 1179.648 | 1179.648 |", markdown, StringComparison.Ordinal);
    }
}
