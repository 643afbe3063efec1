using ModelCompress.Engine.Config;
using ModelCompress.Engine.Steps.Channel;
using ModelCompress.Onnx;
using ModelCompress.Onnx.Dependencies;

namespace ModelCompress.Torch.Training.Pruning.Channels;

/// <summary>
/// Scores the channels of each group from the live weights of a module, with the graph step's group reduction
/// (<see cref="ChannelImportance"/>): l1/l2 of the weights as they train, |γ| for bn_scale (l1 where no
/// BatchNormalization follows), Taylor from the gradients seen so far, random once from the seed.
/// </summary>
internal sealed class ChannelScorer : IDisposable
{
    private readonly OnnxModule _module;
    private readonly IReadOnlyList<ChannelGroup> _groups;
    private readonly PruneImportance _importance;
    private readonly double[][]? _random;

    public ChannelScorer(OnnxModule module, OnnxGraph graph, IReadOnlyList<ChannelGroup> groups, PruneImportance importance, int seed)
    {
        _module = module;
        _groups = groups;
        _importance = importance;
        _random = importance == PruneImportance.Random ? groups.Select(g => ChannelImportance.Score(graph, g, importance, seed)!).ToArray() : null;
        Taylor = importance == PruneImportance.Taylor
            ? new TaylorScores(module, groups.SelectMany(g => g.Slices).Where(s => ChannelImportance.WeightRoles.Contains(s.Role)).Select(s => s.Tensor))
            : null;
    }

    /// <summary>The gradient accumulator of Taylor importance; null for the other scores.</summary>
    public TaylorScores? Taylor { get; }

    /// <summary>Scores of every channel of every group, in group order.</summary>
    public double[][] Score()
    {
        using var scope = torch.NewDisposeScope();
        var cache = new Dictionary<string, (float[], IReadOnlyList<long>)>(StringComparer.Ordinal);
        (float[], IReadOnlyList<long>) Values(ChannelSlice slice)
        {
            if (!cache.TryGetValue(slice.Tensor, out var values))
            {
                var weight = _module.Initializer(slice.Tensor);
                values = cache[slice.Tensor] = (Taylor?.Values(slice.Tensor) ?? weight.contiguous().data<float>().ToArray(), weight.shape);
            }

            return values;
        }

        return _groups.Select((group, i) => _random?[i] ?? (_importance == PruneImportance.Bn_Scale
                ? ChannelImportance.Reduce(group, [SliceRole.NormScale], false, Values)
                : null)
            ?? ChannelImportance.Reduce(group, ChannelImportance.WeightRoles, _importance == PruneImportance.L2, Values)!).ToArray();
    }

    public void Dispose() => Taylor?.Dispose();
}
