using ModelCompress.Engine.Config;
using ModelCompress.Engine.Diagnostics;
using ModelCompress.Engine.Steps;
using ModelCompress.Engine.Steps.Graph;
using ModelCompress.Engine.Tests.Config;
using ModelCompress.Engine.Tests.Support;
using ModelCompress.Onnx;

namespace ModelCompress.Engine.Tests.Steps.Graph;

/// <summary>
/// round_to and min_channels for method: neurons (as for channels), and the sparsity that would leave a block with
/// no head or neuron: an error at the YAML line instead of a silent clamp. Runs the steps on the digits transformer.
/// </summary>
public sealed class BlockPruneLimitsTests
{
    [Theory]
    [InlineData("{ method: neurons, sparsity: 0.6 }", 26)]
    [InlineData("{ method: neurons, sparsity: 0.6, round_to: 8 }", 24)]
    [InlineData("{ method: neurons, sparsity: 0.6, round_to: 8, min_channels: 30 }", 30)]
    [InlineData("{ method: neurons, sparsity: 0.99, min_channels: 4 }", 4)]
    public void Neurons_round_to_and_min_channels_set_the_kept_width_and_the_model_runs(string settings, int width)
    {
        var (result, original) = Run(settings);

        // 64 neurons per block: 0.6 removes round(38.4) = 38, so 26 stay; round_to 8 makes that 24; the floor lifts it.
        Assert.All(result.Facts, f => Assert.Equal($"64 → {width} neurons", f.Value));
        var logits = OrtEval.Logits(result.Model.ToBytes());
        Assert.Equal(OrtEval.Logits(original.ToBytes()).Length, logits.Length);
    }

    [Fact]
    public void A_heads_sparsity_that_would_remove_every_head_is_MC3160_at_the_sparsity()
    {
        const string Settings = "{ method: heads, sparsity: 0.9 }";

        var errors = Assert.Throws<CompressionException>(() => Run(Settings)).Diagnostics;

        // Both blocks have 4 heads; 0.9 · 4 rounds to 4.
        Assert.Equal(2, errors.Count);
        ConfigText.AssertAt(errors[0], "MC3160", Yaml(Settings), "0.9");
        Assert.Contains("would remove all 4 heads of 'layers.0.attn.out_proj/MatMul'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("at most 0.87", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_heads_sparsity_it_suggests_keeps_one_head()
    {
        var (result, _) = Run("{ method: heads, sparsity: 0.87 }");

        Assert.All(result.Facts, f => Assert.Equal("4 → 1 heads", f.Value));
    }

    [Theory]
    [InlineData("{ method: neurons, sparsity: 0.999 }", "MC3160", "0.999")]
    [InlineData("{ method: neurons, sparsity: 0.6, round_to: 64 }", "MC3160", "0.6")]
    [InlineData("{ method: neurons, sparsity: 0.5, min_channels: 65 }", "MC3161", "65")]
    public void A_neuron_count_a_block_cannot_keep_is_an_error_at_the_key(string settings, string code, string needle)
    {
        var errors = Assert.Throws<CompressionException>(() => Run(settings)).Diagnostics;

        Assert.Equal(2, errors.Count);
        ConfigText.AssertAt(errors[0], code, Yaml(settings), needle);
        Assert.Contains("'layers.0.ffn.fc1/MatMul'", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Neurons_read_round_to_and_min_channels_into_the_cache_key_and_heads_refuse_them_at_the_key()
    {
        var settings = Assert.IsType<NeuronPruneSettings>(Parse("{ method: neurons, sparsity: 0.5, round_to: 8, min_channels: 16 }"));
        Assert.Equal((8, (int?)16), (settings.RoundTo, settings.MinChannels));
        Assert.Contains("round_to=8", settings.CanonicalForm, StringComparison.Ordinal);
        Assert.DoesNotContain("round_to", Assert.IsType<NeuronPruneSettings>(Parse("{ method: neurons, sparsity: 0.5 }")).CanonicalForm, StringComparison.Ordinal);

        ConfigText.AssertAt(Assert.Single(ConfigText.Errors(Yaml("{ method: heads, sparsity: 0.5, round_to: 8 }"))), "MC1018", Yaml("{ method: heads, sparsity: 0.5, round_to: 8 }"), "round_to");
        ConfigText.AssertAt(Assert.Single(ConfigText.Errors(Yaml("{ method: neurons, sparsity: 0.5, round_to: 0 }"))), "MC1050", Yaml("{ method: neurons, sparsity: 0.5, round_to: 0 }"), "0 }");
        ConfigText.AssertAt(Assert.Single(ConfigText.Errors(Yaml("{ method: neurons, sparsity: 0.5, min_channels: 0 }"))), "MC1051", Yaml("{ method: neurons, sparsity: 0.5, min_channels: 0 }"), "0 }");
    }

    private static string Yaml(string settings) => ConfigText.WithSteps($"      - prune: {settings}");

    private static IStepSettings Parse(string settings) => ConfigText.Parse(Yaml(settings)).Models[0].Steps[0].Settings;

    private static (StepResult Result, OnnxModel Original) Run(string settings)
    {
        var config = ConfigText.Parse(Yaml(settings)).Models[0];
        var source = OnnxModel.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "digits-transformer", "digits_transformer.onnx"));
        var context = new StepContext(null, 0, new Progress<StepProgress>(), _ => { }, CancellationToken.None);
        var step = config.Steps[0];
        var result = step.Settings is NeuronPruneSettings { Method: PruneMethod.Heads } heads
            ? new HeadPruneRunner().Run(heads, new StepInput(source, source, step, config), context)
            : new NeuronPruneRunner().Run((NeuronPruneSettings)step.Settings, new StepInput(source, source, step, config), context);
        return (result, source);
    }
}
