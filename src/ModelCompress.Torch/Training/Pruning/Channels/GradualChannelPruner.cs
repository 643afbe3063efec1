using System.Globalization;
using ModelCompress.Engine.Config;
using ModelCompress.Engine.Diagnostics;
using ModelCompress.Engine.Reporting;
using ModelCompress.Engine.Steps.Channel;
using ModelCompress.Onnx;
using ModelCompress.Onnx.Dependencies;

namespace ModelCompress.Torch.Training.Pruning.Channels;

/// <summary>
/// Gradual channel pruning inside the training loop: after each optimizer step of the ramp, the channel groups are
/// scored on the live weights (or the Taylor sums so far) and the graph step's allocation picks, at the cubic
/// schedule's sparsity, the channels each group keeps; the others are masked (<see cref="ChannelMasks"/>) and
/// stay masked, so the network learns to do without them. Once the ramp has reached its final sparsity (the end of
/// its last epoch) they are removed from the graph with the one-shot slicer, which changes no output since every
/// slice of a masked channel is zero, and the remaining epochs train the smaller network built from the cut graph
/// (<see cref="ReplaceModel"/>); when no epoch remains, <see cref="Finish"/> cuts instead.
/// </summary>
internal sealed class GradualChannelPruner : ITrainingHooks, IDisposable
{
    private readonly OnnxModule _module;
    private readonly OnnxModel _student;
    private readonly IReadOnlyList<ChannelGroup> _groups;
    private readonly ChannelPruneSettings _settings;
    private readonly Func<string, SourcePosition> _at;
    private readonly ChannelMasks _masks;
    private readonly ChannelScorer _scorer;
    private readonly int _rampEpochs;
    private (OnnxModel Model, OnnxModule Module, List<StepFact> Facts)? _cut;

    /// <summary>Prunes <paramref name="module"/>, built from <paramref name="student"/>, whose channel groups are <paramref name="groups"/>.</summary>
    public GradualChannelPruner(OnnxModule module, OnnxModel student, IReadOnlyList<ChannelGroup> groups, ChannelPruneSettings settings, int seed,
        Func<string, SourcePosition> at, int stepsPerEpoch, int epochs)
    {
        var graph = student.Graph;
        _module = module;
        _student = student;
        _groups = groups;
        _settings = settings;
        _at = at;
        _masks = new ChannelMasks(module, graph, groups);
        _scorer = new ChannelScorer(module, graph, groups, settings.Importance, seed);
        _rampEpochs = Math.Min(epochs, SparsitySchedule.RampEpochs(epochs));
        Schedule = new SparsitySchedule(0, settings.Sparsity, (long)stepsPerEpoch * _rampEpochs);
    }

    /// <summary>The sparsity ramp (fraction of each group's channels, or of all channels for global scope) in optimizer steps.</summary>
    public SparsitySchedule Schedule { get; }

    /// <inheritdoc />
    public void AfterBackward(long step)
    {
        if (step < Schedule.RampSteps && _cut is null)
        {
            _scorer.Taylor?.Add();
        }
    }

    /// <inheritdoc />
    public void AfterStep(long step)
    {
        if (_cut is not null)
        {
            return;
        }

        if (step < Schedule.RampSteps)
        {
            Update(Schedule.At(step));
        }

        _masks.Apply();
    }

    /// <inheritdoc />
    public bool IsFinal(int epoch) => epoch >= _rampEpochs;

    /// <summary>
    /// At the end of the ramp's last epoch: the network with the masked channels removed, built from the cut graph
    /// with the trained weights (it owns it); null at any other epoch. The unpruned module is left as it is.
    /// </summary>
    public TrainableModel? ReplaceModel(int epoch)
    {
        if (epoch != _rampEpochs || _cut is not null)
        {
            return null;
        }

        var (model, facts) = Cut(new OnnxModel(OnnxWeightWriter.WriteBack(_student.Proto, _module)));
        facts.Add(new StepFact("channels cut", string.Create(CultureInfo.InvariantCulture,
            $"after epoch {epoch} (end of the ramp); later epochs train the smaller network with a fresh optimizer state")));
        var module = new OnnxModule(model.Proto);
        _cut = (model, module, facts);
        return TrainableModel.Of(module);
    }

    /// <summary>
    /// The trained model without the masked channels and what went: the cut network's weights written back when
    /// training went on after the cut, else the unpruned module's, cut now.
    /// </summary>
    public (OnnxModel Model, List<StepFact> Facts) Finish()
    {
        if (_cut is { } cut)
        {
            return (new OnnxModel(OnnxWeightWriter.WriteBack(cut.Model.Proto, cut.Module)), cut.Facts);
        }

        _masks.Apply();
        return Cut(new OnnxModel(OnnxWeightWriter.WriteBack(_student.Proto, _module)));
    }

    public void Dispose()
    {
        _masks.Dispose();
        _scorer.Dispose();
        _cut?.Module.Dispose();
    }

    // Removes the masked channels from the trained model and says what went; the dependency graph is traced again
    // on it, so the groups are those of the model being cut.
    private (OnnxModel Model, List<StepFact> Facts) Cut(OnnxModel trained)
    {
        var dependencies = ChannelDependencies.Build(trained);
        var byId = dependencies.Groups.ToDictionary(g => g.Id);
        var groups = _groups.Select(g => byId.TryGetValue(g.Id, out var again) && again.Name == g.Name && again.Channels == g.Channels
            ? again
            : throw new InvalidOperationException($"Group {g.Id} ('{g.Name}') traced differently after training.")).ToList();
        var plan = groups.Select((g, i) => (Group: g, Kept: _masks.Kept(i))).Where(p => p.Kept.Length < p.Group.Channels).ToDictionary(p => p.Group, p => p.Kept);
        var before = ChannelPruneRunner.Parameters(trained);
        dependencies.Prune(plan);
        return (trained, ChannelPruneRunner.Facts(dependencies, groups, plan, before));
    }

    private void Update(double sparsity)
    {
        var scores = _scorer.Score();
        for (var g = 0; g < scores.Length; g++)
        {
            // Masked channels rank lowest, so masks only grow.
            for (var c = 0; c < scores[g].Length; c++)
            {
                scores[g][c] = _masks.IsPruned(g, c) ? -1 : scores[g][c];
            }
        }

        var plan = ChannelAllocation.Plan(_groups.Select((g, i) => (g, scores[i])).ToList(), _settings with { Sparsity = sparsity }, _at);
        var index = _groups.Select((g, i) => (g, i)).ToDictionary(p => p.g, p => p.i);
        _masks.Grow(plan.ToDictionary(p => index[p.Key], p => p.Value));
    }
}
