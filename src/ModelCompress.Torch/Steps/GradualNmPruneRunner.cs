using ModelCompress.Engine.Config;
using ModelCompress.Engine.Diagnostics;
using ModelCompress.Engine.Steps;
using ModelCompress.Engine.Steps.Graph;
using ModelCompress.Torch.Training.Pruning;

namespace ModelCompress.Torch.Steps;

/// <summary>
/// <c>prune: { method: nm, schedule: gradual }</c>: the zeros per group of m grow along the cubic ramp while the
/// model trains (with KD from the original when the training block has <c>distill:</c>), ending at n of every m.
/// The pattern is checked on every patterned weight of the output before it is returned, and the pipeline's N:M
/// guard records those weights as it does for the one-shot step.
/// </summary>
public sealed class GradualNmPruneRunner : IStepRunner<NmPruneSettings>
{
    /// <inheritdoc />
    public string CacheSalt => TorchSteps.Salt;

    /// <inheritdoc />
    public StepResult Run(NmPruneSettings settings, StepInput input, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var training = settings.Training ?? throw new InvalidOperationException("The config layer requires 'training' for a gradual N:M prune.");
        var graph = input.Model.Graph;
        IReadOnlyList<string> weights = [];
        var result = TrainingStep.Run(
            TrainingStepSpec.OfCurrentModel("prune", input, training) with
            {
                Nm = (module, stepsPerEpoch, epochs) =>
                {
                    var targets = PruneTargets.Find(graph, module.ParameterNames.Keys.ToHashSet(StringComparer.Ordinal), settings.Include, settings.Exclude);
                    var pruner = new GradualNmPruner(module, graph, targets, settings.N, settings.M, stepsPerEpoch, epochs);
                    weights = pruner.Weights;
                    return pruner;
                },
            },
            input,
            context);
        var broken = NmPattern.Check(result.Model, weights, settings.N, settings.M);
        if (broken.Count > 0)
        {
            throw new CompressionException(Diagnostic.Error("MC3231",
                $"Internal error: gradual N:M pruning left groups with more than {settings.N} non-zeros in {settings.M} in " +
                string.Join(", ", broken.Select(b => $"'{b.Key}' ({b.Value})")) + ". Please report it."));
        }

        return result;
    }
}
