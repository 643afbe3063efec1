using Microsoft.ML.OnnxRuntime;
using ModelCompress.Engine.Config;
using ModelCompress.Engine.Diagnostics;
using ModelCompress.Engine.Steps;
using ModelCompress.Engine.Steps.Channel;
using ModelCompress.Onnx;
using ModelCompress.Onnx.Dependencies;
using ModelCompress.Torch.Steps;
using ModelCompress.Torch.Tests.Support;
using ModelCompress.Torch.Tests.Training;
using ModelCompress.Torch.Training.Pruning.Channels;
using Xunit.Abstractions;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;

namespace ModelCompress.Torch.Tests.Steps;

/// <summary>
/// Channel pruning that needs gradients, trained for real on the digits CNN with BatchNormalization kept: the gradual
/// schedule (masks on the cubic ramp, then the channels removed) and Taylor importance (one-shot and gradual).
/// </summary>
public sealed class ChannelPruneTrainingTests(ITestOutputHelper output)
{
    private const string Cnn = "digits/digits_cnn_bn.onnx";

    [Fact]
    public void Gradual_channel_pruning_with_kd_removes_the_planned_channels_and_the_model_runs_in_onnx_runtime()
    {
        var original = StepHarness.Model(Cnn);
        var settings = Gradual(0.5, PruneImportance.L1, epochs: 4);

        var result = new GradualChannelPruneRunner().Run(StepHarness.Input(original, settings), Context());

        // Every prunable group keeps channels − ⌊channels · 0.5⌋; the classifier's 10 outputs stay.
        var before = ChannelDependencies.Build(original).Groups;
        var after = ChannelDependencies.Build(result.Model).Groups;
        Assert.Equal(before.Select(g => g.IsPrunable ? g.Channels - (long)Math.Floor(g.Channels * 0.5) : g.Channels), after.Select(g => g.Channels));
        var (ortAccuracy, torchAccuracy) = (OrtAccuracy(result.Model), StepHarness.TestAccuracy(result.Model));
        var sizes = (original.ToBytes().Length, result.Model.ToBytes().Length);
        output.WriteLine($"{Cnn}, 50 % channels gradual + KD (4 epochs): test top-1 ORT {ortAccuracy:0.0000}, executor {torchAccuracy:0.0000}; bytes {sizes.Item1} -> {sizes.Item2}");
        foreach (var fact in result.Facts)
        {
            output.WriteLine($"  {fact.Key}: {fact.Value}");
        }

        Assert.Equal(torchAccuracy, ortAccuracy, 3);
        Assert.True(ortAccuracy >= 0.97, $"test top-1 {ortAccuracy}");
        Assert.True(sizes.Item2 < sizes.Item1 * 0.4, $"{sizes.Item2} of {sizes.Item1} bytes");
        Assert.Contains(result.Facts, f => f.Key == "channels removed");
    }

    [Fact]
    public void Gradual_taylor_channel_pruning_gives_the_same_bytes_twice()
    {
        var settings = Gradual(0.5, PruneImportance.Taylor, epochs: 2) with { Scope = PruneScope.Global };

        var first = new GradualChannelPruneRunner().Run(StepHarness.Input(StepHarness.Model(Cnn), settings), Context());
        var second = new GradualChannelPruneRunner().Run(StepHarness.Input(StepHarness.Model(Cnn), settings), Context());

        Assert.Equal(first.Model.ToBytes(), second.Model.ToBytes());
        var channels = ChannelDependencies.Build(first.Model).Groups.Where(g => g.IsPrunable).Sum(g => g.Channels);
        Assert.Equal(32 + 64 + 64 - (long)Math.Floor((32 + 64 + 64) * 0.5), channels);
    }

    [Fact]
    public void Taylor_scores_are_deterministic_and_rank_channels_unlike_l1()
    {
        var model = StepHarness.Model(Cnn);
        var groups = ChannelDependencies.Build(model).Groups.Where(g => g.IsPrunable).ToList();
        using var train = DigitsData.Training("x_train", "y_train");

        var (taylor, again) = (TaylorScores(model, groups, train), TaylorScores(model, groups, train));
        double[][] l1;
        using (var module = new OnnxModule(model.Proto))
        using (var scorer = new ChannelScorer(module, model.Graph, groups, PruneImportance.L1, 0))
        {
            l1 = scorer.Score();
        }

        Assert.Equal(taylor, again);
        Assert.All(taylor.SelectMany(s => s), s => Assert.True(double.IsFinite(s) && s >= 0));
        var differing = groups.Where((g, i) => !Order(taylor[i]).SequenceEqual(Order(l1[i]))).Select(g => g.Name).ToList();
        output.WriteLine($"groups whose Taylor order differs from l1: {string.Join(", ", differing)} of {groups.Count}");
        Assert.Equal(groups.Count, differing.Count);
    }

    [Fact]
    public void One_shot_taylor_channel_pruning_keeps_other_channels_than_l1_and_is_deterministic()
    {
        var taylor = new ChannelPruneSettings(0.5, PruneScope.Layer, PruneImportance.Taylor, 1, null, [], []);
        var l1 = taylor with { Importance = PruneImportance.L1 };

        var first = new TaylorChannelPruneRunner().Run(StepHarness.Input(StepHarness.Model(Cnn), taylor), Context());
        var second = new TaylorChannelPruneRunner().Run(StepHarness.Input(StepHarness.Model(Cnn), taylor), Context());
        var byL1 = new ChannelPruneRunner().Run(StepHarness.Input(StepHarness.Model(Cnn), l1), Context());

        Assert.Equal(first.Model.ToBytes(), second.Model.ToBytes());
        Assert.Equal(ChannelDependencies.Build(byL1.Model).Groups.Select(g => g.Channels), ChannelDependencies.Build(first.Model).Groups.Select(g => g.Channels));
        Assert.NotEqual(byL1.Model.ToBytes(), first.Model.ToBytes());
        Assert.Contains(first.Facts, f => f.Key == "taylor gradients" && f.Value.StartsWith("512 training rows", StringComparison.Ordinal));
        output.WriteLine($"one-shot 50 %, no fine-tune: test top-1 taylor {OrtAccuracy(first.Model):0.0000}, l1 {OrtAccuracy(byL1.Model):0.0000}");
    }

    [Fact]
    public void Taylor_without_training_rows_is_MC3120_and_a_layer_emptied_by_the_gradual_plan_fails_before_training()
    {
        var taylor = new ChannelPruneSettings(0.5, PruneScope.Layer, PruneImportance.Taylor, 1, null, [], []);
        var missing = Assert.Throws<CompressionException>(() => new TaylorChannelPruneRunner().Run(
            StepHarness.Input(StepHarness.Model(Cnn), taylor), StepHarness.Context(DigitsData.Dataset() with { Train = null })));
        var empty = Assert.Throws<CompressionException>(() => new GradualChannelPruneRunner().Run(
            StepHarness.Input(StepHarness.Model(Cnn), Gradual(0.5, PruneImportance.L1, epochs: 1) with { RoundTo = 64 }), StepHarness.Context(null)));

        Assert.Equal("MC3120", Assert.Single(missing.Diagnostics).Code);
        // round_to 64 rounds the 16 kept channels of the first conv to 0: refused at the sparsity line before any data is read (no data here at all).
        Assert.Equal(("MC3202", StepHarness.Position), (Assert.Single(empty.Diagnostics).Code, empty.Diagnostics[0].Position));
    }

    [Fact]
    public void One_shot_taylor_on_a_regression_output_uses_mse_and_needs_labels()
    {
        var random = new Random(3);
        float[] Weights(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var model = new OnnxModel(new GraphBuilder(13).Input("input").Output("value")
            .Int64s("shape", -1, 64).Floats("w1", [8, 64], Weights(512)).Floats("b1", [8], Weights(8)).Floats("w2", [1, 8], Weights(8)).Floats("b2", [1], Weights(1))
            .Node("Reshape", ["input", "shape"], ["flat"], "flatten")
            .Node("Gemm", ["flat", "w1", "b1"], ["hidden"], "fc1", GraphBuilder.Int("transB", 1))
            .Node("Relu", ["hidden"], ["act"], "relu")
            .Node("Gemm", ["act", "w2", "b2"], ["value"], "fc2", GraphBuilder.Int("transB", 1)).Build());
        var taylor = new ChannelPruneSettings(0.5, PruneScope.Layer, PruneImportance.Taylor, 1, null, [], []);

        var result = new TaylorChannelPruneRunner().Run(StepHarness.Input(model, taylor), Context());
        var unlabelled = Assert.Throws<CompressionException>(() => new TaylorChannelPruneRunner().Run(
            StepHarness.Input(model, taylor), StepHarness.Context(DigitsData.Dataset(trainLabels: false))));

        Assert.Equal([4L, 64L], result.Model.Graph.Initializers.Single(t => t.Name == "w1").Dims);
        Assert.Equal("MC3121", Assert.Single(unlabelled.Diagnostics).Code);
    }

    private static ChannelPruneSettings Gradual(double sparsity, PruneImportance importance, int epochs) =>
        new(sparsity, PruneScope.Layer, importance, 1, null, [], [], Schedule: PruneSchedule.Gradual,
            Training: StepHarness.Training(epochs, distill: new TrainingDistillation(4, 0.7)));

    // Validation on x_calib: the test split is only read to report the accuracy afterwards.
    private static StepContext Context() => StepHarness.Context(DigitsData.Dataset(validation: DigitsData.Split("x_calib", "y_calib")));

    private static double[][] TaylorScores(OnnxModel model, IReadOnlyList<ChannelGroup> groups, Torch.Training.TrainingData train)
    {
        using var module = new OnnxModule(model.Proto);
        using var scorer = new ChannelScorer(module, model.Graph, groups, PruneImportance.Taylor, 0);
        TaylorChannelPruneRunner.Accumulate(module, train, scorer.Taylor!, seed: 0);
        return scorer.Score();
    }

    private static int[] Order(double[] scores) => Enumerable.Range(0, scores.Length).OrderBy(c => scores[c]).ThenBy(c => c).ToArray();

    private static double OrtAccuracy(OnnxModel model)
    {
        var (pixels, shape) = Npz.Floats(Fixtures.Npz, "x_test");
        var labels = DigitsData.Labels("y_test");
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model.ToBytes(), options);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", new DenseTensor(pixels, shape.Select(d => (int)d).ToArray()))]);
        var logits = results.First().AsEnumerable<float>().ToArray();
        var classes = logits.Length / labels.Length;
        var correct = labels.Where((label, row) => Enumerable.Range(0, classes).MaxBy(c => logits[(row * classes) + c]) == label).Count();
        return (double)correct / labels.Length;
    }
}
