using Microsoft.ML.OnnxRuntime;
using ModelCompress.Engine.Config;
using ModelCompress.Engine.Steps;
using ModelCompress.Engine.Steps.Graph;
using ModelCompress.Onnx;
using ModelCompress.Torch.Steps;
using ModelCompress.Torch.Tests.Training;

namespace ModelCompress.Torch.Tests.Steps;

/// <summary>
/// <c>prune: { method: nm, n: 2, m: 4, schedule: gradual }</c> on the digits CNN with BatchNorm, with real TorchSharp
/// training and a real ONNX Runtime session on the output.
/// </summary>
public sealed class GradualNmPruneTests(ITestOutputHelper output)
{
    [Fact]
    public void Two_of_four_gradual_keeps_the_pattern_on_every_pruned_weight_runs_in_ort_and_is_deterministic()
    {
        var original = StepHarness.Model("digits/digits_cnn_bn.onnx");
        var settings = new NmPruneSettings(2, 4, [], [], PruneSchedule.Gradual, StepHarness.Training(epochs: 4));
        Assert.Equal("prune.nm.gradual", StepKinds.Of(settings).Name);

        var first = new GradualNmPruneRunner().Run(StepHarness.Input(original, settings), StepHarness.Context(DigitsData.Dataset()));
        var second = new GradualNmPruneRunner().Run(StepHarness.Input(original, settings), StepHarness.Context(DigitsData.Dataset()));

        Assert.Equal(first.Model.ToBytes(), second.Model.ToBytes());
        Assert.Equal(first.Facts, second.Facts);
        // Every weight whose input axis takes whole groups of 4 carries the pattern; the 1-channel first conv stays dense.
        var oneShot = new NmPruner(2, 4).Prune(original);
        var weights = oneShot.Layers.Select(l => l.Weight).ToArray();
        Assert.NotEmpty(weights);
        Assert.Empty(NmPattern.Check(first.Model, weights, 2, 4));
        long total = 0;
        foreach (var weight in weights)
        {
            Assert.True(first.Model.Graph.TryGetInitializer(weight, out var tensor));
            Assert.Equal(tensor.ElementCount / 2, tensor.CountZeros());
            total += tensor.ElementCount;
        }

        Assert.Equal(weights.Order(StringComparer.Ordinal), NmPatternGuard.PatternWeights(first.Model, 2, 4).Order(StringComparer.Ordinal));
        Assert.Equal(oneShot.Skipped.Select(s => s.Item1), first.Facts.Where(f => f.Key.StartsWith("dense ", StringComparison.Ordinal)).Select(f => f.Key["dense ".Length..]));
        Assert.Contains(first.Facts, f => f.Key == "zeros" && f.Value == $"{total / 2}/{total}");

        var ort = OrtAccuracy(first.Model);
        var torch = StepHarness.TestAccuracy(first.Model);
        var oneShotAccuracy = StepHarness.TestAccuracy(oneShot.Model);
        output.WriteLine($"digits_cnn_bn 2:4 test top-1: one-shot (no training) {oneShotAccuracy:F4}; gradual over 4 epochs (ramp 2): ORT {ort:F4}, executor {torch:F4}");
        foreach (var fact in first.Facts)
        {
            output.WriteLine($"  {fact.Key}: {fact.Value}");
        }

        Assert.True(ort > 0.97, $"2:4 gradual test top-1 in ORT {ort:F4}");
        Assert.Equal(torch, ort, 3);
    }

    private static double OrtAccuracy(OnnxModel model)
    {
        var (pixels, shape) = Npz.Floats(Fixtures.Npz, "x_test");
        var labels = DigitsData.Labels("y_test");
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model.ToBytes(), options);
        var input = session.InputMetadata.Keys.Single();
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(pixels, shape.Select(d => (int)d).ToArray()))]);
        var logits = results.First().AsEnumerable<float>().ToArray();
        var classes = logits.Length / labels.Length;
        return (double)labels.Where((label, row) => Enumerable.Range(0, classes).MaxBy(c => logits[(row * classes) + c]) == label).Count() / labels.Length;
    }
}
