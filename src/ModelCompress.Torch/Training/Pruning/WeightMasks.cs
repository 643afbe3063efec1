namespace ModelCompress.Torch.Training.Pruning;

/// <summary>
/// Live module weights with one boolean mask each (true: pruned), started from the weights' existing zeros. The
/// gradual pruners grow the masks; <see cref="Apply"/> writes +0 under them (masked_fill, so never −0).
/// </summary>
internal sealed class WeightMasks : IDisposable
{
    /// <summary>Binds to <paramref name="weights"/> (owned by the module); their zeros are the first masks.</summary>
    public WeightMasks(Tensor[] weights)
    {
        Weights = weights;
        using var noGrad = torch.no_grad();
        Masks = weights.Select(w => w.eq(0).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>The live weights.</summary>
    public Tensor[] Weights { get; }

    /// <summary>One mask per weight, same shape.</summary>
    public Tensor[] Masks { get; }

    /// <summary>Masked elements over all weights.</summary>
    public long MaskedCount => Masks.Sum(p => p.sum().item<long>());

    /// <summary>Sets the masked weights to +0.</summary>
    public void Apply()
    {
        using var noGrad = torch.no_grad();
        for (var i = 0; i < Weights.Length; i++)
        {
            Weights[i].masked_fill_(Masks[i], 0f);
        }
    }

    /// <summary>Zero elements of each weight, in order.</summary>
    public long[] Zeros() => Weights.Select(w => w.eq(0).sum().item<long>()).ToArray();

    /// <summary>Frees the masks (the weights belong to the module).</summary>
    public void Dispose()
    {
        foreach (var mask in Masks)
        {
            mask.Dispose();
        }
    }
}
