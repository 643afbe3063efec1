using ModelCompress.Engine.Steps.Graph;
using ModelCompress.Onnx;

namespace ModelCompress.Torch.Training.Pruning;

/// <summary>
/// Gradual N:M pruning inside the training loop. Along the cubic ramp the zeros per group of m (consecutive weights
/// on the input axis, <see cref="NmLayout"/>) grow from what is already zero to m − n: z = round(s·m), never
/// decreasing. When z rises, each group masks its z lowest |w| (masked weights rank lowest, ties by position), and
/// masks are re-applied after every optimizer step, so pruned weights are exact +0. A weight whose input axis is not a
/// multiple of m stays dense, as in the one-shot step.
/// </summary>
public sealed class GradualNmPruner : ITrainingHooks, IDisposable
{
    private readonly int _m;
    private readonly int _maxZeros;
    private readonly PruneTarget[] _targets;
    private readonly NmLayout[] _layouts;
    private readonly WeightMasks _masks;
    private readonly int _rampEpochs;
    private int _zeros;

    /// <summary>Binds to the live weights of <paramref name="module"/>; existing zeros count as pruned from the start.</summary>
    /// <exception cref="Engine.Diagnostics.CompressionException">MC3230 when no target takes whole groups of m.</exception>
    public GradualNmPruner(OnnxModule module, OnnxGraph graph, IReadOnlyList<PruneTarget> targets, int n, int m, int stepsPerEpoch, int epochs)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(n, m);
        _m = m;
        _maxZeros = m - n;
        var grouped = new List<(PruneTarget Target, NmLayout Layout)>();
        var skipped = new List<(string Node, string Why)>();
        foreach (var target in targets)
        {
            var node = graph.Nodes.First(x => x.DisplayName == target.Node && x.Inputs.Count > 1 && x.Input(1) == target.Initializer);
            graph.TryGetInitializer(target.Initializer, out var tensor);
            var (layout, why) = NmLayout.ForGroups(node, tensor!.Dims, m);
            if (layout is { } l)
            {
                grouped.Add((target, l));
            }
            else
            {
                skipped.Add((target.Node, why!));
            }
        }

        if (grouped.Count == 0)
        {
            throw NmPruner.NothingToPrune(graph.Name, n, m, skipped);
        }

        Skipped = skipped;
        _targets = grouped.Select(g => g.Target).ToArray();
        _layouts = grouped.Select(g => g.Layout).ToArray();
        _masks = new WeightMasks(_targets.Select(t => module.Initializer(t.Initializer)).ToArray());
        _rampEpochs = Math.Min(epochs, SparsitySchedule.RampEpochs(epochs));
        var final = (double)_maxZeros / m;
        var initial = (double)_masks.MaskedCount / _targets.Sum(t => t.Elements);
        Schedule = new SparsitySchedule(Math.Min(initial, final), final, (long)stepsPerEpoch * _rampEpochs);
    }

    /// <summary>The sparsity ramp in optimizer steps.</summary>
    public SparsitySchedule Schedule { get; }

    /// <summary>The selected weights left dense, with the reason (node display name, why).</summary>
    public IReadOnlyList<(string Node, string Why)> Skipped { get; }

    /// <summary>The initializers that carry the pattern, in node order.</summary>
    public IReadOnlyList<string> Weights => _targets.Select(t => t.Initializer).ToList();

    /// <inheritdoc />
    public void AfterBackward(long step)
    {
    }

    /// <inheritdoc />
    public void AfterStep(long step)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var zeros = Math.Min(_maxZeros, (int)Math.Round(Schedule.At(step) * _m, MidpointRounding.AwayFromZero));
        if (zeros > _zeros)
        {
            // Masks only grow, so selecting again at the same z would change nothing: update only when z rises.
            _zeros = zeros;
            UpdateMasks();
        }

        Apply();
    }

    /// <inheritdoc />
    public bool IsFinal(int epoch) => epoch >= _rampEpochs;

    /// <summary>Sets the pruned weights to +0 (never −0).</summary>
    public void Apply() => _masks.Apply();

    /// <summary>Zero elements per patterned target, in target order.</summary>
    public IReadOnlyList<(PruneTarget Target, long Zeros)> Layers() => _targets.Zip(_masks.Zeros()).ToList();

    private void UpdateMasks()
    {
        for (var i = 0; i < _targets.Length; i++)
        {
            var (weight, pruned) = (_masks.Weights[i], _masks.Masks[i]);
            var l = _layouts[i];
            long[] grouped = [l.Outer, l.Length / _m, _m, l.Inner];
            // Already-pruned weights rank lowest (|w| ≥ 0 > −1); a stable sort breaks ties by position in the group.
            var scores = weight.abs().masked_fill(pruned, -1f).reshape(grouped);
            var (_, order) = scores.sort(2, descending: false, stable: true);
            var lowest = order.narrow(2, 0, _zeros);
            var selected = torch.zeros(grouped, ScalarType.Bool).scatter_(2, lowest, torch.ones(lowest.shape, ScalarType.Bool));
            pruned.logical_or_(selected.reshape(pruned.shape));
        }
    }

    /// <summary>Frees the masks (the weights belong to the module).</summary>
    public void Dispose() => _masks.Dispose();
}
