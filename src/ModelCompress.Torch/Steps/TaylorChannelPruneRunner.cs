using System.Globalization;
using ModelCompress.Engine.Reporting;
using ModelCompress.Engine.Steps.Channel;
using ModelCompress.Torch.Training;
using ModelCompress.Torch.Training.Objectives;
using ModelCompress.Torch.Training.Pruning.Channels;

namespace ModelCompress.Torch.Steps;

/// <summary>
/// <c>prune: { method: channel, importance: taylor }</c> one-shot: the gradients of the cross-entropy (MSE for a
/// regression output) on a few seeded batches of the train split (labels, or a classifier's own predictions when it has none) give each channel its
/// first-order Taylor score, |w·∂L/∂w| reduced over the group; then the graph step's allocation and slicer. Nothing
/// trains; the evaluation rows are never read.
/// </summary>
public sealed class TaylorChannelPruneRunner : IStepRunner<ChannelPruneSettings>
{
    /// <summary>Batches the gradients are summed over.</summary>
    public const int Batches = 8;

    /// <summary>Rows per batch.</summary>
    public const int BatchSize = 64;

    /// <inheritdoc />
    public string CacheSalt => TorchSteps.Salt;

    /// <inheritdoc />
    public StepResult Run(ChannelPruneSettings settings, StepInput input, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var model = input.Model.Clone();
        var (dependencies, groups) = ChannelPruneRunner.SelectGroups(model, settings, input.Step, context);
        double[][] scores;
        int rows;
        using (var module = new OnnxModule(model.Proto))
        using (var scorer = new ChannelScorer(module, model.Graph, groups, PruneImportance.Taylor, context.Seed))
        {
            var (train, regression) = StepData.LoadTrain("prune", context, module);
            using (train)
            {
                rows = Accumulate(module, train, scorer.Taylor!, context.Seed, regression);
            }

            scores = scorer.Score();
        }

        var plan = ChannelAllocation.Plan(groups.Select((g, i) => (g, scores[i])).ToList(), settings, input.Step.PositionOf);
        var before = ChannelPruneRunner.Parameters(model);
        dependencies.Prune(plan);
        var facts = ChannelPruneRunner.Facts(dependencies, groups, plan, before);
        facts.Add(new StepFact("taylor gradients", string.Create(CultureInfo.InvariantCulture, $"{rows} training rows in batches of {BatchSize} (seed {context.Seed})")));
        return new StepResult(model, facts);
    }

    /// <summary>Sums |w·∂L/∂w| over up to <see cref="Batches"/> seeded batches of <paramref name="train"/>; returns the rows used.</summary>
    internal static int Accumulate(OnnxModule module, TrainingData train, TaylorScores taylor, int seed, bool regression = false)
    {
        TorchDeterminism.Apply(seed, threads: 1);
        var order = BatchOrder.Shuffle(train.Count, new Random(seed));
        var rows = Math.Min(train.Count, Batches * BatchSize);
        var student = TrainableModel.Of(module);
        using var objective = new SupervisedObjective(student.OutputName, regression);
        // Eval mode: BatchNormalization uses its running statistics, as the deployed model does, and keeps them.
        module.eval();
        for (var start = 0; start < rows; start += BatchSize)
        {
            using var scope = torch.NewDisposeScope();
            module.zero_grad();
            var batch = train.Batch(order.AsSpan(start, Math.Min(BatchSize, rows - start)));
            objective.Loss(batch, student.Forward(batch.Inputs, [])).backward();
            taylor.Add();
        }

        module.zero_grad();
        return rows;
    }
}
