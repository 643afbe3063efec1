using System.Diagnostics;
using System.Globalization;

namespace ModelCompress.Torch.Training;

/// <summary>
/// The training loop every training step shares: seeded shuffling, batches in their own dispose scope, the
/// learning-rate schedule per optimizer step, validation after each epoch, the best epoch's weights kept and
/// restored, an early stop once the target accuracy is reached, a diagnostic (not NaN weights) when the loss
/// stops being finite, and the model swapped for the one the hooks hand out (<see cref="ITrainingHooks.ReplaceModel"/>).
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains <c>job.Model</c> in place (or, once the hooks replace it, their model) and returns what happened.
    /// Leaves the model in eval mode.
    /// </summary>
    public static TrainingReport Train(TrainingJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var options = job.Options;
        var model = job.Model;
        TorchDeterminism.Apply(options.Seed, options.Threads);
        var random = new Random(options.Seed);
        var batchSize = Math.Min(options.BatchSize, job.Train.Count);
        var stepsPerEpoch = (job.Train.Count + batchSize - 1) / batchSize;
        using (torch.NewDisposeScope())
        {
            job.Objective.Prepare(model, job.Train.Slice(0, batchSize));
        }

        var optimizer = OptimizerFactory.Create(options, model.TrainableParameters().Concat(job.Objective.Parameters));
        var schedule = new LearningRateSchedule(options, stepsPerEpoch);
        var epochs = new List<EpochRecord>();
        ModelSnapshot? best = null;
        var bestScore = double.NegativeInfinity;
        var bestEpoch = 0;
        var stoppedEarly = false;
        long step = 0;
        try
        {
            for (var epoch = 1; epoch <= options.Epochs && !stoppedEarly; epoch++)
            {
                var watch = Stopwatch.StartNew();
                model.Module.train();
                var order = BatchOrder.Shuffle(job.Train.Count, random);
                double lossSum = 0;
                double lr = options.Lr;
                for (var b = 0; b < stepsPerEpoch; b++, step++)
                {
                    job.Cancellation.ThrowIfCancellationRequested();
                    lr = schedule.At(step);
                    lossSum += TrainBatch(job, model, optimizer, order.AsSpan(b * batchSize, Math.Min(batchSize, order.Length - (b * batchSize))), lr, epoch, b + 1, step);
                }

                if (epoch < options.Epochs && job.Hooks?.ReplaceModel(epoch) is { } replacement)
                {
                    // Parameters of other shapes: their optimizer state (Adam moments, momentum) starts afresh.
                    model = best is null ? replacement : throw new InvalidOperationException("A model can only be replaced before the first final epoch.");
                    optimizer.Dispose();
                    optimizer = OptimizerFactory.Create(options, model.TrainableParameters().Concat(job.Objective.Parameters));
                }

                var score = ValidationScore.Evaluate(model, job.Validation, job.Regression);
                var final = job.Hooks?.IsFinal(epoch) ?? true;
                var record = new EpochRecord(epoch, lossSum / stepsPerEpoch, score, lr, watch.Elapsed, final);
                epochs.Add(record);
                job.Progress?.Report(new StepProgress(Describe(job, record), (double)epoch / options.Epochs));
                // On a tie the later epoch wins: a small validation set ties often, and the later model has trained longer.
                if (final && score >= bestScore)
                {
                    best?.Dispose();
                    best = new ModelSnapshot(model.Module);
                    (bestScore, bestEpoch) = (score, epoch);
                }

                stoppedEarly = final && options.EarlyStop && options.TargetAccuracy is { } target && score >= target && epoch < options.Epochs;
            }

            best?.Restore();
        }
        finally
        {
            best?.Dispose();
            optimizer.Dispose();
        }

        model.Module.eval();
        return new TrainingReport(epochs, bestEpoch, bestScore, stoppedEarly, step, job.Metric);
    }

    private static double TrainBatch(TrainingJob job, TrainableModel model, optim.Optimizer optimizer, ReadOnlySpan<int> rows, double lr, int epoch, int batchNumber, long step)
    {
        using var scope = torch.NewDisposeScope();
        OptimizerFactory.SetLearningRate(optimizer, lr);
        var batch = job.Train.Batch(rows);
        optimizer.zero_grad();
        var outputs = model.Forward(batch.Inputs, job.Objective.StudentIntermediates);
        var loss = job.Objective.Loss(batch, outputs);
        var value = loss.item<float>();
        if (!float.IsFinite(value))
        {
            throw new CompressionException(TrainingDiagnostics.NonFiniteLoss(job.StepName, epoch, batchNumber, value));
        }

        loss.backward();
        job.Hooks?.AfterBackward(step);
        optimizer.step();
        job.Hooks?.AfterStep(step);
        return value;
    }

    private static string Describe(TrainingJob job, EpochRecord e) => string.Create(
        CultureInfo.InvariantCulture,
        $"{job.StepName}: epoch {e.Epoch}/{job.Options.Epochs}, loss {e.Loss:0.0000}, {job.Metric} {e.Accuracy:0.0000}, lr {e.LearningRate:0.######}, {e.Duration.TotalSeconds:0.0} s");
}
