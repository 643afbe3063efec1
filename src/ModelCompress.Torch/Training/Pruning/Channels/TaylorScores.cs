namespace ModelCompress.Torch.Training.Pruning.Channels;

/// <summary>
/// First-order Taylor importance per element, |w·∂L/∂w|, summed over the batches it has seen (Molchanov et al.
/// 2019, as Torch-Pruning's TaylorImportance): the loss change if the weight were removed. One accumulator per
/// weight, read after backward and before the optimizer step.
/// </summary>
internal sealed class TaylorScores : IDisposable
{
    private readonly Dictionary<string, (Tensor Weight, Tensor Sum)> _sums = new(StringComparer.Ordinal);

    /// <summary>Accumulates for the live weights <paramref name="names"/> of <paramref name="module"/>.</summary>
    public TaylorScores(OnnxModule module, IEnumerable<string> names)
    {
        using var noGrad = torch.no_grad();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var weight = module.Initializer(name);
            _sums[name] = (weight, torch.zeros_like(weight).DetachFromDisposeScope());
        }
    }

    /// <summary>Adds |w·grad| of the current gradients (a weight without a gradient adds nothing).</summary>
    public void Add()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach (var (weight, sum) in _sums.Values)
        {
            if (weight.grad is { } grad)
            {
                sum.add_((weight * grad).abs_());
            }
        }
    }

    /// <summary>The accumulated scores of weight <paramref name="name"/>, flat in row-major order.</summary>
    public float[] Values(string name) => _sums[name].Sum.data<float>().ToArray();

    /// <summary>Frees the accumulators (the weights belong to the module).</summary>
    public void Dispose()
    {
        foreach (var (_, sum) in _sums.Values)
        {
            sum.Dispose();
        }
    }
}
