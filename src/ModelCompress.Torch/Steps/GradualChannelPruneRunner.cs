using ModelCompress.Engine.Config;
using ModelCompress.Engine.Diagnostics;
using ModelCompress.Engine.Steps;
using ModelCompress.Engine.Steps.Channel;
using ModelCompress.Torch.Training.Pruning.Channels;

namespace ModelCompress.Torch.Steps;

/// <summary>
/// <c>prune: { method: channel, schedule: gradual }</c>: channel group masks grow along the cubic ramp while the
/// model trains (with KD from the original when the training block has <c>distill:</c>); when the ramp ends the masked
/// channels are removed from the graph and the remaining epochs train the smaller network, so the output is smaller
/// and faster and the second half trains at the cut network's cost. Groups, scores and allocation are the graph
/// step's; a plan that cannot be met (a layer emptied, min_channels above a group) fails before any data is read.
/// </summary>
public sealed class GradualChannelPruneRunner : IStepRunner<ChannelPruneSettings>
{
    /// <inheritdoc />
    public string CacheSalt => TorchSteps.Salt;

    /// <inheritdoc />
    public StepResult Run(ChannelPruneSettings settings, StepInput input, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var training = settings.Training ?? throw new InvalidOperationException("The config layer requires 'training' for a gradual channel prune.");
        var (_, groups) = ChannelPruneRunner.SelectGroups(input.Model, settings, input.Step, context);
        var graph = input.Model.Graph;
        if (settings.Importance == PruneImportance.Bn_Scale && groups.All(g => ChannelImportance.Score(graph, g, settings.Importance, context.Seed) is null))
        {
            throw new CompressionException(ChannelPruneStepDiagnostics.NoBatchNorm(input.Step.PositionOf("importance")));
        }

        // The final allocation, checked now: with layer scope the counts do not depend on the scores.
        ChannelAllocation.Plan(groups.Select(g => (g, ChannelImportance.Score(graph, g, PruneImportance.L1, context.Seed)!)).ToList(), settings, input.Step.PositionOf);
        return TrainingStep.Run(
            TrainingStepSpec.OfCurrentModel("prune", input, training) with
            {
                Channels = (module, stepsPerEpoch, epochs) =>
                    new GradualChannelPruner(module, input.Model, groups, settings, context.Seed, input.Step.PositionOf, stepsPerEpoch, epochs),
            },
            input,
            context);
    }
}
