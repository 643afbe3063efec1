namespace ModelCompress.Torch.Training.Pruning;

/// <summary>
/// Keeps the zeros a model arrives with. Fine-tuning or distilling a pruned model must not regrow the weights an
/// earlier prune step removed (masked fine-tuning, as SparseML and torch.nn.utils.prune do): every weight that is
/// exactly zero at the start is set back to +0 after each optimizer step.
/// </summary>
public sealed class SparsityKeeper : ITrainingHooks, IDisposable
{
    private readonly Tensor[] _weights;
    private readonly Tensor[] _masks;

    private SparsityKeeper(Tensor[] weights, Tensor[] masks)
    {
        _weights = weights;
        _masks = masks;
    }

    /// <summary>Zeros kept, over all target weights.</summary>
    public long KeptZeros { get; private init; }

    /// <summary>A keeper for the targets that hold zeros, or null when none does (dense models train freely).</summary>
    public static SparsityKeeper? ForZerosIn(OnnxModule module, IReadOnlyList<PruneTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(targets);
        var weights = new List<Tensor>();
        var masks = new List<Tensor>();
        long zeros = 0;
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var target in targets)
            {
                var weight = module.Initializer(target.Initializer);
                var mask = weight.eq(0);
                using var sum = mask.sum();
                var count = sum.item<long>();
                if (count == 0)
                {
                    mask.Dispose();
                    continue;
                }

                weights.Add(weight);
                masks.Add(mask.DetachFromDisposeScope());
                zeros += count;
            }
        }
        catch
        {
            masks.ForEach(m => m.Dispose());
            throw;
        }

        return masks.Count == 0 ? null : new SparsityKeeper([.. weights], [.. masks]) { KeptZeros = zeros };
    }

    /// <inheritdoc />
    public void AfterBackward(long step)
    {
    }

    /// <inheritdoc />
    public void AfterStep(long step) => Apply();

    /// <inheritdoc />
    public bool IsFinal(int epoch) => true;

    /// <summary>Sets the kept zeros back to +0.</summary>
    public void Apply()
    {
        using var noGrad = torch.no_grad();
        for (var i = 0; i < _weights.Length; i++)
        {
            _weights[i].masked_fill_(_masks[i], 0f);
        }
    }

    /// <summary>Frees the masks (the weights belong to the module).</summary>
    public void Dispose()
    {
        foreach (var mask in _masks)
        {
            mask.Dispose();
        }
    }
}
