using ModelCompress.Torch.Tests.Training;

namespace ModelCompress.Torch.Tests.Steps;

public sealed class RunnerTests
{
    [Fact]
    public void Runners_have_the_config_keys_and_hold_no_torchsharp_state()
    {
        var runners = TorchSteps.Runners().ToList();

        Assert.Equal(["distill", "finetune", "prune.channel.gradual", "prune.channel.taylor", "prune.gradual", "prune.nm.gradual"], runners.Select(r => r.Kind.Name).Order(StringComparer.Ordinal));
        var torchFields = runners.SelectMany(r => r.Runner.GetType().GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public))
            .Where(f => f.FieldType.Assembly == typeof(TorchSharp.torch).Assembly).ToList();
        Assert.Empty(torchFields);
        Assert.All(runners, r => Assert.Contains("torchsharp", r.CacheSalt, StringComparison.Ordinal));
        _ = new StepRegistry(GraphSteps.Runners().Concat(runners));
    }

    [Fact]
    public void Finetune_is_byte_identical_across_runs_and_reports_each_epoch()
    {
        var settings = new FinetuneSettings(StepHarness.Training(epochs: 2));
        var progress = new List<StepProgress>();
        var first = new FinetuneRunner().Run(StepHarness.Input(StepHarness.Model("digits/digits_mlp.onnx"), settings), StepHarness.Context(DigitsData.Dataset(), progress));
        var second = new FinetuneRunner().Run(StepHarness.Input(StepHarness.Model("digits/digits_mlp.onnx"), settings), StepHarness.Context(DigitsData.Dataset()));

        Assert.Equal(first.Model.ToBytes(), second.Model.ToBytes());
        Assert.NotEqual(StepHarness.Model("digits/digits_mlp.onnx").ToBytes(), first.Model.ToBytes());
        Assert.Equal(first.Facts, second.Facts);
        Assert.Equal(2, progress.Count);
        Assert.Contains("epoch 2/2", progress[1].Message, StringComparison.Ordinal);
        Assert.Contains(first.Facts, f => f.Key == "best epoch");
        Assert.True(StepHarness.TestAccuracy(first.Model) > 0.95);
    }

    [Fact]
    public void Finetune_after_a_one_shot_prune_keeps_every_pruned_weight_zero()
    {
        var pruned = new ModelCompress.Engine.Steps.Graph.MagnitudePruner(new ModelCompress.Engine.Steps.Graph.MagnitudePruneOptions(0.9)).Prune(StepHarness.Model("digits/digits_cnn_bn.onnx"));
        var zerosBefore = ModelStatistics.Compute(pruned.Model).ParameterCount - ModelStatistics.Compute(pruned.Model).NonZeroParameterCount;

        var result = new FinetuneRunner().Run(
            StepHarness.Input(pruned.Model, new FinetuneSettings(StepHarness.Training(epochs: 3))),
            StepHarness.Context(DigitsData.Dataset()));

        var after = ModelStatistics.Compute(result.Model);
        Assert.Equal(zerosBefore, after.ParameterCount - after.NonZeroParameterCount);
        Assert.Contains(result.Facts, f => f.Key == "zeros kept" && f.Value == pruned.Zeros.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(StepHarness.TestAccuracy(result.Model) > 0.97, "masked fine-tuning should recover most of the accuracy");
    }

    [Fact]
    public void Finetune_stops_once_the_accuracy_budget_is_met()
    {
        var settings = new FinetuneSettings(StepHarness.Training(epochs: 5, earlyStop: true, budget: StepHarness.Budget(0.01)));
        var result = new FinetuneRunner().Run(StepHarness.Input(StepHarness.Model("digits/digits_cnn.onnx"), settings), StepHarness.Context(DigitsData.Dataset()));

        // The original scores 1.0 on the 120 training rows held out for validation (never the evaluation rows).
        Assert.Contains(result.Facts, f => f.Key == "validated on" && f.Value == "120 of 1200 training rows held out (seed 0)");
        Assert.Contains(result.Facts, f => f.Key == "target validation accuracy" && f.Value == "0.9900");
        Assert.Contains(result.Facts, f => f.Key == "epochs run" && f.Value == "1");
    }

    [Fact]
    public void Gradual_taylor_pruning_per_layer_gives_exact_zeros_in_every_layer()
    {
        var settings = StepHarness.Prune(0.5, PruneScope.Layer, PruneImportance.Taylor, StepHarness.Training(epochs: 3));
        var result = new GradualPruneRunner().Run(StepHarness.Input(StepHarness.Model("digits/digits_cnn.onnx"), settings), StepHarness.Context(DigitsData.Dataset()));

        var weights = result.Model.Graph.Nodes.Where(n => n.OpType is "Conv" or "Gemm").Select(n => result.Model.Graph.Initializers.Single(i => i.Name == n.Input(1))).ToList();
        Assert.Equal(4, weights.Count);
        foreach (var weight in weights)
        {
            var values = weight.ToFloatArray();
            Assert.Equal(Math.Round(values.Length * 0.5, MidpointRounding.AwayFromZero), values.Count(v => BitConverter.SingleToInt32Bits(v) == 0));
        }

        Assert.Contains(result.Facts, f => f.Key == "sparsity" && f.Value == "0.5000");
        var accuracy = StepHarness.TestAccuracy(result.Model);
        Assert.True(accuracy > 0.95, $"test top-1 {accuracy}");
    }

    [Fact]
    public void Distill_with_a_feature_pair_projects_the_students_narrower_features()
    {
        var teacher = StepHarness.Model("digits/digits_cnn.onnx");
        var student = StepHarness.Model("digits-wide/digits_student_small_init.onnx");
        var pair = new FeaturePair(GapOutput(teacher), GapOutput(student), StepHarness.Position);
        var settings = StepHarness.Distill(StepHarness.Training(epochs: 2, lr: 1e-2), pair);
        var result = new DistillRunner().Run(StepHarness.Input(student, settings, original: teacher), StepHarness.Context(DigitsData.Dataset(trainLabels: false)));

        Assert.Equal(student.Graph.Initializers.Select(i => i.Name), result.Model.Graph.Initializers.Select(i => i.Name));
        // No labels anywhere but the evaluation rows, which training never sees: it validates on agreement with the teacher.
        Assert.Contains(result.Facts, f => f.Key == "best validation agreement");
        Assert.Contains(result.Facts, f => f.Key == "validated on" && f.Value == "120 of 1200 training rows held out (seed 0)");
        Assert.True(StepHarness.TestAccuracy(result.Model) > 0.5);
    }

    private static string GapOutput(OnnxModel model) => model.Graph.Nodes.Single(n => n.OpType == "GlobalAveragePool").Output(0);
}
