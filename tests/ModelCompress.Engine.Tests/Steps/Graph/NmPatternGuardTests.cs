using ModelCompress.Engine.Steps.Graph;

namespace ModelCompress.Engine.Tests.Steps.Graph;

public sealed class NmPatternGuardTests
{
    private static readonly NmPruneSettings Nm = new(2, 4, [], []);

    [Fact]
    public void The_weights_an_nm_step_pruned_are_the_ones_recorded_and_pass_unchanged()
    {
        var result = new NmPruner(2, 4).Prune(OnnxModel.Load(DigitsData.Model("digits_cnn.onnx")));

        var weights = NmPatternGuard.PatternWeights(result.Model, 2, 4);

        Assert.Equal(result.Layers.Select(l => l.Weight).Order(StringComparer.Ordinal), weights.Order(StringComparer.Ordinal));
        NmPatternGuard.Verify(Nm, 0, weights, result.Model, Step(1));
    }

    [Fact]
    public void A_later_model_that_regrew_a_pruned_weight_is_MC3140_naming_it()
    {
        var original = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));
        var result = new NmPruner(2, 4).Prune(original);
        var weights = NmPatternGuard.PatternWeights(result.Model, 2, 4);
        var regrown = result.Model.Clone();
        Assert.True(original.Graph.TryGetInitializer("fc.weight", out var dense));
        regrown.Graph.SetInitializer(dense);

        var error = Assert.Throws<CompressionException>(() => NmPatternGuard.Verify(Nm, 0, weights, regrown, Step(1)));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("MC3140", diagnostic.Code);
        Assert.Contains("'fc.weight' (160 groups)", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("step 2 (finetune) broke the 2:4 pattern that step 1 made", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weight_a_later_step_removed_is_not_checked()
    {
        var result = new NmPruner(2, 4).Prune(OnnxModel.Load(DigitsData.Model("digits_cnn.onnx")));

        NmPatternGuard.Verify(Nm, 0, ["no.such.weight"], result.Model, Step(1));
    }

    private static StepConfig Step(int index) =>
        new("finetune", index, new SourcePosition("compress.yaml", 3, 5), new NmPruneSettings(2, 4, [], []), new Dictionary<string, SourcePosition>());
}
