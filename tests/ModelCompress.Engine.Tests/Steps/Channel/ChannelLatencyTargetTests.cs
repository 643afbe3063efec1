namespace ModelCompress.Engine.Tests.Steps.Channel;

/// <summary><c>sparsity: auto</c> with <c>target: { latency_ratio }</c>: structure only, never wall time (the machine is noisy).</summary>
public sealed class ChannelLatencyTargetTests
{
    [Fact]
    public void A_latency_target_prunes_until_the_measured_ratio_is_reached_and_says_it_was_measured()
    {
        var source = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var result = Run("{ method: channel, sparsity: auto, target: { latency_ratio: 0.8 } }", source);

        var fact = Assert.Single(result.Facts, f => f.Key == "sparsity auto").Value;
        Assert.StartsWith("measured latency ratio ", fact, StringComparison.Ordinal);
        Assert.Contains("(target 0.8000; ORT p50, batch 1, 1 thread", fact, StringComparison.Ordinal);
        var reached = double.Parse(fact["measured latency ratio ".Length..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(reached <= 0.8, fact);
        Assert.Contains(result.Facts, f => f.Key.StartsWith("group ", StringComparison.Ordinal));
        Assert.True(ChannelPruneRunner.Parameters(result.Model) < ChannelPruneRunner.Parameters(source));
        Assert.NotNull(OrtEval.Logits(result.Model.ToBytes()));
    }

    [Fact]
    public void A_latency_target_below_reach_is_MC3141_at_the_latency_ratio_value()
    {
        const string Settings = "{ method: channel, sparsity: auto, max_layer_sparsity: 0.125, target: { latency_ratio: 0.01 } }";
        var source = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var error = Assert.Single(Assert.Throws<CompressionException>(() => Run(Settings, source)).Diagnostics);

        Assert.Equal("MC3141", error.Code);
        Assert.Contains("latency_ratio 0.01 is below what channel pruning reaches here (measured ", error.Message, StringComparison.Ordinal);
        ConfigText.AssertAt(error, "MC3141", Yaml(Settings), "0.01");
    }

    [Theory]
    [InlineData("{ method: channel, sparsity: auto, target: { latency_ratio: 0 } }", "0 }")]
    [InlineData("{ method: channel, sparsity: auto, target: { latency_ratio: 1.5 } }", "1.5")]
    public void A_latency_ratio_outside_zero_to_one_is_one_diagnostic_at_the_value(string settings, string token)
    {
        var error = Assert.Single(Assert.Throws<CompressionException>(() => ConfigText.Parse(Yaml(settings))).Diagnostics);

        Assert.Contains("latency_ratio", error.Message, StringComparison.Ordinal);
        ConfigText.AssertAt(error, error.Code, Yaml(settings), token);
    }

    [Fact]
    public void Both_targets_at_once_is_MC1063()
    {
        const string Settings = "{ method: channel, sparsity: auto, target: { macs_ratio: 0.5, latency_ratio: 0.5 } }";

        var error = Assert.Single(Assert.Throws<CompressionException>(() => ConfigText.Parse(Yaml(Settings))).Diagnostics);

        ConfigText.AssertAt(error, "MC1063", Yaml(Settings), "latency_ratio");
    }

    [Fact]
    public void A_latency_target_changes_the_cache_key_and_a_macs_target_keeps_its_old_one()
    {
        var macs = ConfigText.Parse(Yaml("{ method: channel, sparsity: auto, target: { macs_ratio: 0.5 } }")).Models[0].Steps[0].Settings.CanonicalForm;
        var latency = ConfigText.Parse(Yaml("{ method: channel, sparsity: auto, target: { latency_ratio: 0.5 } }")).Models[0].Steps[0].Settings.CanonicalForm;

        Assert.DoesNotContain("latency_ratio", macs, StringComparison.Ordinal);
        Assert.Contains("latency_ratio", latency, StringComparison.Ordinal);
    }

    private static string Yaml(string settings) => ChannelPruneRun.Yaml(settings);

    private static StepResult Run(string settings, OnnxModel source) => ChannelPruneRun.Run(settings, source, ChannelPruneRun.DigitsRows(source));
}
