using ModelCompress.Engine.Tests.Support;
using ModelCompress.Onnx;

namespace ModelCompress.Cli.Tests.Engine;

/// <summary>Graph preparation in the engine: implicit before prune/quantize, or as an explicit step, and reported.</summary>
public sealed class PreparePipelineTests
{
    public static TheoryData<string> Exporters() => ["constant-nodes", "tf2onnx-like"];

    [Theory]
    [MemberData(nameof(Exporters))]
    public void Weights_outside_initializers_are_pruned_and_quantized_after_implicit_preparation(string exporter)
    {
        using var project = Project(exporter, """
            - prune: { method: magnitude, sparsity: 0.5 }
            - quantize: { mode: dynamic, ops: [Conv, Gemm] }
            """);

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        var model = Assert.Single(ReportJson.Deserialize(File.ReadAllText(Path.Combine(project.OutputDir, "report.json"))).Models);
        var prune = model.Steps[0];
        Assert.True(int.Parse(Fact(prune, "prepare: constants to initializers")) > 0);
        Assert.Equal(exporter == "tf2onnx-like" ? "4" : "0", Fact(prune, "prepare: nodes folded"));
        Assert.Equal("0.5000", Fact(prune, "sparsity"));
        // Quantize prepares again (an earlier step may have kept BN); on the already prepared graph there is nothing left to do.
        Assert.Equal("0", Fact(model.Steps[1], "prepare: constants to initializers"));
        Assert.Equal("0", Fact(model.Steps[1], "prepare: nodes folded"));
        Assert.Equal("4/4", Fact(model.Steps[1], "quantized"));
        Assert.True(model.Compressed!.Accuracy >= model.Original!.Accuracy - 0.02);
        Assert.Contains("prepare: constants to initializers=", File.ReadAllText(Path.Combine(project.OutputDir, "report.md")), StringComparison.Ordinal);
        var output = OnnxModel.Load(Path.Combine(project.OutputDir, "digits.onnx"));
        Assert.DoesNotContain(output.Graph.Nodes, n => n.OpType is "Constant" or "Transpose");
    }

    [Fact]
    public void An_explicit_prepare_step_reports_its_work_and_replaces_the_implicit_one()
    {
        using var project = Project("constant-nodes", """
            - prepare: { fold_batchnorm: true }
            - prune: { method: magnitude, sparsity: 0.5 }
            """);

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        var model = Assert.Single(outcome.Report!.Models);
        Assert.Equal(["prepare", "prune"], model.Steps.Select(s => s.Kind));
        var weights = OnnxModel.Load(TempProject.Fixture("digits_cnn.onnx")).Graph.Initializers.Count;
        Assert.Equal(weights.ToString(System.Globalization.CultureInfo.InvariantCulture), Fact(model.Steps[0], "constants to initializers"));
        Assert.DoesNotContain(model.Steps[1].Facts, f => f.Key.StartsWith("prepare: ", StringComparison.Ordinal));
        Assert.Equal(model.Original!.Accuracy, model.Steps[0].Metrics!.Accuracy);
    }

    [Fact]
    public void Changing_prepare_settings_reruns_it_and_what_follows()
    {
        using var project = Project("constant-nodes", """
            - prepare: {}
            - prune: { method: magnitude, sparsity: 0.5 }
            """);
        Assert.True(EngineRun.Run(project).Succeeded);
        project.WriteConfig(Yaml("""
            - prepare: { remove_identity: false }
            - prune: { method: magnitude, sparsity: 0.5 }
            """));

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        Assert.All(outcome.Report!.Models[0].Steps, s => Assert.False(s.CacheHit));
    }

    [Fact]
    public void A_bad_prepare_setting_is_a_positioned_config_error()
    {
        using var project = Project("constant-nodes", """
            - prepare: { max_fold_growth_kb: -1 }
            """);

        var error = EngineRun.SingleError(EngineRun.Run(project));

        Assert.Equal("MC1007", error.Code);
        Assert.Equal(10, error.Position!.Value.Line);
    }

    private static TempProject Project(string exporter, string steps)
    {
        var project = new TempProject();
        var source = OnnxModel.Load(TempProject.Fixture("digits_cnn.onnx"));
        var exported = exporter == "tf2onnx-like" ? ConstantWeights.AsTf2OnnxLike(source) : ConstantWeights.AsConstantNodes(source);
        exported.Save(project.PathOf("models/exported.onnx"));
        project.WriteConfig(Yaml(steps));
        return project;
    }

    private static string Yaml(string steps) => DigitsYaml.For(steps, "accuracy: { metric: top1, max_drop: 0.02 }", "exported.onnx");

    private static string Fact(StepReport step, string key) => Assert.Single(step.Facts, f => f.Key == key).Value;
}
