using ModelCompress.Engine.Config;
using ModelCompress.Engine.Steps.Channel;
using ModelCompress.Onnx;
using ModelCompress.Onnx.Dependencies;
using ModelCompress.Torch.Steps;
using ModelCompress.Torch.Tests.Training;
using ModelCompress.Torch.Training.Pruning.Channels;
using Xunit.Abstractions;

namespace ModelCompress.Torch.Tests.Steps;

/// <summary>
/// The gradual channel pruner cuts the masked channels once the ramp is over and trains the smaller network for the
/// remaining epochs: the cut must change no output (masked slices are exactly zero), and the step must still be
/// deterministic and emit the cut network's trained weights.
/// </summary>
public sealed class GradualChannelCutTests(ITestOutputHelper output)
{
    private const string Cnn = "digits/digits_cnn_bn.onnx";

    [Fact]
    public void The_network_cut_at_the_end_of_the_ramp_gives_the_masked_networks_outputs_in_eval_and_train_mode()
    {
        var model = StepHarness.Model(Cnn);
        var groups = ChannelDependencies.Build(model).Groups.Where(g => g.IsPrunable).ToList();
        var settings = new ChannelPruneSettings(0.5, PruneScope.Layer, PruneImportance.L1, 1, null, [], []);
        using var module = new OnnxModule(model.Proto);
        using var train = DigitsData.Training("x_train", "y_train");
        // One step per epoch over two epochs: the ramp is epoch 1's single step, which masks 50 % of every group.
        using var pruner = new GradualChannelPruner(module, model, groups, settings, 0, _ => StepHarness.Position, stepsPerEpoch: 1, epochs: 2);
        pruner.AfterStep(0);

        var cut = pruner.ReplaceModel(1);

        Assert.NotNull(cut);
        Assert.Null(pruner.ReplaceModel(1));
        var (wide, narrow) = (module.parameters().Sum(p => p.numel()), cut.Module.parameters().Sum(p => p.numel()));
        Assert.True(narrow < wide / 3, $"{narrow} of {wide} parameters");
        foreach (var training in new[] { false, true })
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            module.train(training);
            cut.Module.train(training);
            var batch = train.Batch(Enumerable.Range(0, 128).ToArray());
            var (masked, smaller) = (module.forward(batch.Inputs)[cut.OutputName], cut.Module.forward(batch.Inputs)[cut.OutputName]);
            output.WriteLine($"{(training ? "train" : "eval")} mode: max |masked − cut| = {TensorAssert.MaxAbsDiff(masked, smaller):E2} over {masked.numel()} logits");
            TensorAssert.Close(masked, smaller, 0, 1e-5, $"logits in {(training ? "train" : "eval")} mode");
        }
    }

    [Fact]
    public void Gradual_channel_pruning_trains_the_cut_network_after_the_ramp_and_emits_its_weights_deterministically()
    {
        var settings = new ChannelPruneSettings(0.5, PruneScope.Layer, PruneImportance.L2, 1, null, [], [], Schedule: PruneSchedule.Gradual,
            Training: StepHarness.Training(3, distill: new TrainingDistillation(4, 0.7)));
        var context = StepHarness.Context(DigitsData.Dataset(validation: DigitsData.Split("x_calib", "y_calib")));

        var first = new GradualChannelPruneRunner().Run(StepHarness.Input(StepHarness.Model(Cnn), settings), context);
        var second = new GradualChannelPruneRunner().Run(StepHarness.Input(StepHarness.Model(Cnn), settings), context);

        Assert.Equal(first.Model.ToBytes(), second.Model.ToBytes());
        // 3 epochs: the ramp is epoch 1, epochs 2 and 3 train the cut network, and only they compete for the best epoch.
        Assert.Contains(first.Facts, f => f.Key == "channels cut" && f.Value.StartsWith("after epoch 1 ", StringComparison.Ordinal));
        var best = int.Parse(first.Facts.Single(f => f.Key == "best epoch").Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(best, 2, 3);
        // The emitted weights are the trained cut network's, not the cut of the unpruned module at the ramp's end.
        var atRampEnd = new GradualChannelPruneRunner().Run(StepHarness.Input(StepHarness.Model(Cnn), settings with { Training = settings.Training! with { Epochs = 1 } }), context);
        Assert.Equal(atRampEnd.Model.Graph.Initializers.Select(t => (t.Name, string.Join(",", t.Dims))), first.Model.Graph.Initializers.Select(t => (t.Name, string.Join(",", t.Dims))));
        Assert.NotEqual(atRampEnd.Model.ToBytes(), first.Model.ToBytes());
        var accuracy = StepHarness.TestAccuracy(first.Model);
        output.WriteLine($"3 epochs (ramp 1, cut, 2 on the cut network): best epoch {best}, test top-1 {accuracy:0.0000}");
        Assert.True(accuracy >= 0.95, $"test top-1 {accuracy}");
    }
}
