using ModelCompress.Onnx;

namespace ModelCompress.Cli.Tests.Engine;

/// <summary>quantize modes fp16 and weight_only through the whole engine: config, runner, ORT check, budgets, report.</summary>
public sealed class LowBitPipelineTests
{
    [Theory]
    [InlineData("digits_cnn.onnx", "{ mode: fp16 }", 0.55)]
    [InlineData("digits_mlp.onnx", "{ mode: weight_only, bits: 4, block_size: 32 }", 0.25)]
    [InlineData("digits_mlp.onnx", "{ mode: weight_only, bits: 8, symmetric: false }", 0.35)]
    public void Mode_runs_end_to_end_within_the_accuracy_budget_and_shrinks_the_model(string source, string settings, double maxRatio)
    {
        using var project = new TempProject();
        project.WriteConfig(Yaml(source, settings));

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        var model = Assert.Single(ReportJson.Deserialize(File.ReadAllText(Path.Combine(project.OutputDir, "report.json"))).Models);
        Assert.Equal("passed", model.Status);
        Assert.True((double)model.Compressed!.SizeBytes / model.Original!.SizeBytes <= maxRatio, $"{model.Compressed.SizeBytes} / {model.Original.SizeBytes}");
        var written = OnnxModel.Load(Path.Combine(project.OutputDir, "digits.onnx"));
        Assert.All(written.Graph.Inputs.Concat(written.Graph.Outputs), io => Assert.Equal(OnnxDataType.Float, io.Type!.ElementType));
    }

    [Fact]
    public void Bits_3_fails_the_run_with_mc1045_at_its_line()
    {
        using var project = new TempProject();
        project.WriteConfig(Yaml("digits_mlp.onnx", "{ mode: weight_only, bits: 3 }"));

        var error = EngineRun.SingleError(EngineRun.Run(project));

        Assert.Equal(("MC1045", 10), (error.Code, error.Position?.Line));
        Assert.False(File.Exists(Path.Combine(project.OutputDir, "digits.onnx")));
    }

    private static string Yaml(string source, string settings) =>
        DigitsYaml.For($"- quantize: {settings}", "accuracy: { metric: top1, max_drop: 0.01 }", source);
}
