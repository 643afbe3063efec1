using ModelCompress.Torch.Training.Objectives;

namespace ModelCompress.Torch.Tests.Training;

/// <summary>
/// <see cref="ITrainingHooks.ReplaceModel"/>: the trainer trains the model the hooks hand out from then on (forward,
/// optimizer and best-epoch snapshot all move to it) and refuses a replacement once an epoch has been kept.
/// </summary>
public sealed class TrainerReplacementTests
{
    [Fact]
    public void The_replacement_trains_from_the_next_epoch_and_holds_the_best_weights()
    {
        using var first = new TinyCnn(seed: 1);
        using var second = new TinyCnn(seed: 3);
        var untrained = Values(second);
        var hooks = new Replacing(new TrainableModel(second, "logits"), at: 1, finalFrom: 2, () => Values(first));

        var (report, validation) = Train(first, hooks, epochs: 3);

        Assert.NotEqual(untrained, Values(second));
        Assert.True(report.BestEpoch >= 2);
        using (validation)
        {
            Assert.Equal(report.BestAccuracy, ValidationScore.Evaluate(new TrainableModel(second, "logits"), validation, regression: false));
        }

        Assert.True(report.BestAccuracy > 0.8, $"best accuracy {report.BestAccuracy}");
        // The first model stopped training at the replacement: its optimizer went with it.
        Assert.Equal(hooks.AtReplacement, Values(first));
        Assert.Equal(3L * 19, report.Steps);
    }

    [Fact]
    public void A_replacement_after_a_kept_epoch_is_refused()
    {
        using var first = new TinyCnn(seed: 1);
        using var second = new TinyCnn(seed: 3);

        var error = Assert.Throws<InvalidOperationException>(() => Train(first, new Replacing(new TrainableModel(second, "logits"), at: 2, finalFrom: 1, () => []), epochs: 3).Validation.Dispose());

        Assert.Contains("before the first final epoch", error.Message, StringComparison.Ordinal);
    }

    private static float[] Values(TinyCnn module) => module.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();

    private static (TrainingReport Report, TrainingData Validation) Train(TinyCnn module, ITrainingHooks hooks, int epochs)
    {
        using var train = DigitsData.Training("x_train", "y_train");
        var validation = DigitsData.Training("x_calib", "y_calib");
        using var objective = new SupervisedObjective("logits", regression: false);
        try
        {
            return (Trainer.Train(new TrainingJob("finetune", new TrainableModel(module, "logits"), train, validation, objective, TrainingOptions.Adam(epochs, lr: 1e-2), Hooks: hooks)), validation);
        }
        catch
        {
            validation.Dispose();
            throw;
        }
    }

    private sealed class Replacing(TrainableModel replacement, int at, int finalFrom, Func<float[]> values) : ITrainingHooks
    {
        public float[]? AtReplacement { get; private set; }

        public void AfterBackward(long step)
        {
        }

        public void AfterStep(long step)
        {
        }

        public bool IsFinal(int epoch) => epoch >= finalFrom;

        public TrainableModel? ReplaceModel(int epoch)
        {
            if (epoch != at)
            {
                return null;
            }

            AtReplacement = values();
            return replacement;
        }
    }
}
