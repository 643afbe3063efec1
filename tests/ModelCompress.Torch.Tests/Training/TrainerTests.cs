using ModelCompress.Torch.Training.Objectives;

namespace ModelCompress.Torch.Tests.Training;

public sealed class TrainerTests
{
    [Fact]
    public void Tiny_cnn_learns_digits_and_the_best_epoch_is_the_one_kept()
    {
        using var module = new TinyCnn(seed: 1);
        var report = Train(module, TrainingOptions.Adam(epochs: 3, lr: 1e-2));

        Assert.Equal(3, report.Epochs.Count);
        Assert.True(report.BestAccuracy > 0.9, $"best accuracy {report.BestAccuracy}");
        Assert.Equal(report.Epochs.Max(e => e.Accuracy), report.BestAccuracy);
        Assert.True(report.Epochs[^1].Loss < report.Epochs[0].Loss);
        using var test = DigitsData.Training("x_test", "y_test");
        Assert.Equal(report.BestAccuracy, ValidationScore.Evaluate(new TrainableModel(module, "logits"), test, regression: false));
        Assert.Equal(3L * 19, report.Steps);
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd, 0.1, true)]
    [InlineData(OptimizerKind.Sgd, 0.1, false)]
    [InlineData(OptimizerKind.Adam, 0.01, false)]
    [InlineData(OptimizerKind.AdamW, 0.01, false)]
    public void Every_optimizer_trains(OptimizerKind optimizer, double lr, bool nesterov)
    {
        using var module = new TinyCnn(seed: 2);
        var options = TrainingOptions.Adam(epochs: 2, lr: lr) with { Optimizer = optimizer, Nesterov = nesterov, WeightDecay = 1e-4, LrSchedule = LrSchedule.Cosine, WarmupEpochs = 1 };
        var report = Train(module, options);

        Assert.True(report.BestAccuracy > 0.7, $"{optimizer}: best accuracy {report.BestAccuracy}");
        Assert.True(report.Epochs[0].LearningRate > report.Epochs[1].LearningRate, "cosine decays after warm-up");
    }

    [Fact]
    public void Two_runs_with_the_same_seed_give_identical_weights()
    {
        var first = TrainedBytes(seed: 7);
        var second = TrainedBytes(seed: 7);
        var other = TrainedBytes(seed: 8);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void No_tensor_outlives_its_batch()
    {
        using var module = new TinyCnn(seed: 3);
        var probe = new LiveTensorProbe();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Train(module, TrainingOptions.Adam(epochs: 2), probe);
        var after = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        // The first step creates the optimizer's state and epoch 1 ends with a snapshot of the best weights; apart
        // from those, every step ends with the same live count, and nothing is left once training returns.
        Assert.Equal(38, probe.LiveAfterStep.Count);
        Assert.All(probe.LiveAfterStep.Skip(1).Take(18), count => Assert.Equal(probe.LiveAfterStep[1], count));
        Assert.All(probe.LiveAfterStep.Skip(19), count => Assert.Equal(probe.LiveAfterStep[1] + 4, count));
        Assert.Equal(before, after);
    }

    [Fact]
    public void Non_finite_loss_stops_with_the_epoch_and_batch()
    {
        using var module = new TinyCnn(seed: 4, inputScale: float.NaN);
        var error = Assert.Throws<CompressionException>(() => Train(module, TrainingOptions.Adam(epochs: 2)));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("MC3124", diagnostic.Code);
        Assert.Contains("epoch 1, batch 1", diagnostic.Message);
    }

    [Fact]
    public void Training_stops_early_once_the_target_accuracy_is_met()
    {
        using var module = new TinyCnn(seed: 5);
        var report = Train(module, TrainingOptions.Adam(epochs: 5, lr: 1e-2) with { EarlyStop = true, TargetAccuracy = 0.4 });

        Assert.True(report.StoppedEarly);
        Assert.Single(report.Epochs);
        Assert.Equal(1, report.BestEpoch);
        Assert.Contains(report.ToFacts(), f => f.Key == "stopped early" && f.Value.StartsWith("yes", StringComparison.Ordinal));
    }

    private static byte[] TrainedBytes(int seed)
    {
        using var module = new TinyCnn(seed: 1);
        Train(module, TrainingOptions.Adam(epochs: 1, seed: seed));
        return module.parameters().SelectMany(p => p.data<float>().ToArray()).SelectMany(BitConverter.GetBytes).ToArray();
    }

    private static TrainingReport Train(TinyCnn module, TrainingOptions options, ITrainingHooks? hooks = null)
    {
        using var train = DigitsData.Training("x_train", "y_train");
        using var test = DigitsData.Training("x_test", "y_test");
        using var objective = new SupervisedObjective("logits", regression: false);
        return Trainer.Train(new TrainingJob("finetune", new TrainableModel(module, "logits"), train, test, objective, options, Hooks: hooks));
    }
}
