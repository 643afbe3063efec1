namespace ModelCompress.Engine.Tests.Steps.Channel;

public sealed class ChannelAutoRunTests
{
    [Fact]
    public void Sparsity_auto_reaches_the_macs_target_searching_on_calibration_rows_only()
    {
        var source = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));
        var result = Run("{ method: channel, sparsity: auto, target: { macs_ratio: 0.5 } }", source, Calibration(source));

        Assert.True(MacCounter.Count(result.Model).Macs <= 0.5 * MacCounter.Count(source).Macs);
        Assert.Contains(result.Facts, f => f.Key == "left alone" && f.Value.StartsWith("/conv1/Conv", StringComparison.Ordinal));
        Assert.Contains(result.Facts, f => f.Key == "sparsity auto");
    }

    [Fact]
    public void Sparsity_auto_without_calibration_rows_is_refused_at_the_sparsity_line()
    {
        const string Settings = "{ method: channel, sparsity: auto, target: { macs_ratio: 0.5 } }";
        var source = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var error = Assert.Single(Assert.Throws<CompressionException>(() => Run(Settings, source, null)).Diagnostics);

        ConfigText.AssertAt(error, "MC3252", Yaml(Settings), "auto");
    }

    [Theory]
    [InlineData("{ method: channel, sparsity: auto }", "MC1071", "auto")]
    [InlineData("{ method: channel, sparsity: 0.5, target: { macs_ratio: 0.5 } }", "MC1070", "target")]
    public void Auto_keys_out_of_place_are_one_diagnostic_at_the_yaml_line(string settings, string code, string token)
    {
        var error = Assert.Single(Assert.Throws<CompressionException>(() => ConfigText.Parse(Yaml(settings))).Diagnostics);

        ConfigText.AssertAt(error, code, Yaml(settings), token);
    }

    private static string Yaml(string settings) => ChannelPruneRun.Yaml(settings);

    private static EvalDataset Calibration(OnnxModel model) => ChannelPruneRun.DigitsRows(model);

    private static StepResult Run(string settings, OnnxModel source, EvalDataset? data) => ChannelPruneRun.Run(settings, source, data);
}
