using ModelCompress.Engine.Steps.Graph;
using ModelCompress.Torch.Tests.Training;

namespace ModelCompress.Torch.Tests.Steps;

public sealed class NmFinetuneTests(ITestOutputHelper output)
{
    [Fact]
    public void Two_of_four_pattern_holds_after_finetune_trains_the_pruned_model()
    {
        var original = StepHarness.Model("digits/digits_cnn_bn.onnx");
        var pruned = new NmPruner(2, 4).Prune(original);
        var weights = pruned.Layers.Select(l => l.Weight).ToArray();
        Assert.Empty(NmPattern.Check(pruned.Model, weights, 2, 4));
        var oneShot = StepHarness.TestAccuracy(pruned.Model);

        var result = new FinetuneRunner().Run(
            StepHarness.Input(pruned.Model, new FinetuneSettings(StepHarness.Training(epochs: 3))),
            StepHarness.Context(DigitsData.Dataset()));

        Assert.NotEqual(pruned.Model.ToBytes(), result.Model.ToBytes());
        Assert.Empty(NmPattern.Check(result.Model, weights, 2, 4));
        // The pipeline's guard records the same weights from the N:M output and accepts the fine-tuned model.
        Assert.Equal(weights.Order(StringComparer.Ordinal), NmPatternGuard.PatternWeights(pruned.Model, 2, 4).Order(StringComparer.Ordinal));
        Assert.Empty(NmPattern.Check(result.Model, NmPatternGuard.PatternWeights(pruned.Model, 2, 4), 2, 4));
        var tuned = StepHarness.TestAccuracy(result.Model);
        output.WriteLine($"digits_cnn_bn 2:4 test top-1: one-shot {oneShot:F4}, after 3 epochs of masked fine-tuning {tuned:F4}");
        Assert.True(tuned > 0.97 && tuned >= oneShot, $"2:4 one-shot {oneShot:F4}, after 3 epochs of masked fine-tuning {tuned:F4}");
    }
}
