namespace ModelCompress.Torch.Training.Pruning;

/// <summary>
/// Gradual unstructured pruning inside the training loop. After each optimizer step of the ramp the weights of
/// lowest importance (|w|, or Taylor |w·∂L/∂w| summed over batches) are masked to reach the cubic schedule's
/// sparsity, globally or per layer; masks only grow, and are re-applied after every step so pruned weights stay
/// exact zeros. Ties break by position (stable sort), so the masks never vary.
/// </summary>
public sealed class GradualPruner : ITrainingHooks, IDisposable
{
    private readonly IReadOnlyList<PruneTarget> _targets;
    private readonly WeightMasks _masks;
    private readonly Tensor[] _weights;
    private readonly Tensor[] _pruned;
    private readonly Tensor[]? _scores;
    private readonly PruneScope _scope;
    private readonly int _rampEpochs;

    /// <summary>Binds to the live weights of <paramref name="module"/>; existing zeros count as pruned from the start.</summary>
    public GradualPruner(OnnxModule module, IReadOnlyList<PruneTarget> targets, double sparsity, PruneScope scope, PruneImportance importance, int stepsPerEpoch, int epochs)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(targets);
        _targets = targets;
        _scope = scope;
        _masks = new WeightMasks(targets.Select(t => module.Initializer(t.Initializer)).ToArray());
        (_weights, _pruned) = (_masks.Weights, _masks.Masks);
        using (torch.no_grad())
        {
            _scores = importance == PruneImportance.Taylor ? _weights.Select(w => torch.zeros_like(w).DetachFromDisposeScope()).ToArray() : null;
        }

        _rampEpochs = Math.Min(epochs, SparsitySchedule.RampEpochs(epochs));
        var initial = (double)PrunedCount() / targets.Sum(t => t.Elements);
        Schedule = new SparsitySchedule(Math.Min(initial, sparsity), sparsity, (long)stepsPerEpoch * _rampEpochs);
    }

    /// <summary>The sparsity ramp in optimizer steps.</summary>
    public SparsitySchedule Schedule { get; }

    /// <inheritdoc />
    public void AfterBackward(long step)
    {
        if (_scores is null || step >= Schedule.RampSteps)
        {
            return;
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        for (var i = 0; i < _weights.Length; i++)
        {
            if (_weights[i].grad is { } grad)
            {
                _scores[i].add_((_weights[i] * grad).abs_());
            }
        }
    }

    /// <inheritdoc />
    public void AfterStep(long step)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        if (step < Schedule.RampSteps)
        {
            UpdateMasks(Schedule.At(step));
        }

        Apply();
    }

    /// <inheritdoc />
    public bool IsFinal(int epoch) => epoch >= _rampEpochs;

    /// <summary>Sets the pruned weights to +0 (masked_fill, so never −0).</summary>
    public void Apply() => _masks.Apply();

    /// <summary>Pruned elements per target, in target order.</summary>
    public IReadOnlyList<(PruneTarget Target, long Zeros)> Layers() => _targets.Zip(_masks.Zeros()).ToList();

    private long PrunedCount() => _masks.MaskedCount;

    private void UpdateMasks(double sparsity)
    {
        var importance = new Tensor[_weights.Length];
        for (var i = 0; i < _weights.Length; i++)
        {
            // Already-pruned weights rank lowest, so masks only grow.
            importance[i] = (_scores?[i] ?? _weights[i].abs()).masked_fill(_pruned[i], -1f).flatten();
        }

        if (_scope == PruneScope.Global)
        {
            var all = torch.cat(importance, 0);
            var mask = Select(all, sparsity, PrunedCount());
            long offset = 0;
            for (var i = 0; i < _weights.Length; i++)
            {
                _pruned[i].copy_(mask.narrow(0, offset, _targets[i].Elements).view_as(_pruned[i]));
                offset += _targets[i].Elements;
            }
        }
        else
        {
            for (var i = 0; i < _weights.Length; i++)
            {
                _pruned[i].copy_(Select(importance[i], sparsity, _pruned[i].sum().item<long>()).view_as(_pruned[i]));
            }
        }
    }

    // The round(sparsity·n) lowest scores (never fewer than are pruned already), ties in index order.
    private static Tensor Select(Tensor scores, double sparsity, long alreadyPruned)
    {
        var n = scores.shape[0];
        var k = Math.Max(alreadyPruned, (long)Math.Round(sparsity * n, MidpointRounding.AwayFromZero));
        var mask = torch.zeros(n, ScalarType.Bool);
        if (k > 0)
        {
            var (_, order) = scores.sort(0, descending: false, stable: true);
            mask.index_fill_(0, order.narrow(0, 0, k), true);
        }

        return mask;
    }

    /// <summary>Frees masks and scores (the weights belong to the module).</summary>
    public void Dispose()
    {
        _masks.Dispose();
        foreach (var t in _scores ?? [])
        {
            t.Dispose();
        }
    }
}
