using ModelCompress.Onnx;
using ModelCompress.Onnx.Dependencies;

namespace ModelCompress.Torch.Training.Pruning.Channels;

/// <summary>
/// The pruned channels of each group, as zeros in the live weights: every slice of a pruned channel (the weight
/// that produces it, its bias, BatchNormalization γ and β, per-channel constants, and the input weights of every
/// layer that reads it) is set to +0 after each optimizer step. The running mean and variance are left alone:
/// with γ = β = 0 the normalized channel is 0 whatever they hold. So the masked model computes exactly what the
/// model with those channels removed computes, and removing them at the end changes no output.
/// </summary>
internal sealed class ChannelMasks : IDisposable
{
    private readonly IReadOnlyList<ChannelGroup> _groups;
    private readonly bool[][] _pruned;
    private readonly Dictionary<string, Tensor> _weights = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tensor> _masks = new(StringComparer.Ordinal);
    private readonly List<ChannelSlice>[] _slices;

    public ChannelMasks(OnnxModule module, OnnxGraph graph, IReadOnlyList<ChannelGroup> groups)
    {
        _groups = groups;
        _pruned = groups.Select(g => new bool[g.Channels]).ToArray();
        _slices = groups.Select(g => g.Slices.Where(s => Masked(graph, s)).ToList()).ToArray();
        foreach (var slice in _slices.SelectMany(s => s))
        {
            _weights.TryAdd(slice.Tensor, module.Initializer(slice.Tensor));
        }
    }

    /// <summary>Whether channel <paramref name="channel"/> of group <paramref name="group"/> (index in the list) is pruned.</summary>
    public bool IsPruned(int group, int channel) => _pruned[group][channel];

    /// <summary>The channels group <paramref name="group"/> keeps, ascending.</summary>
    public int[] Kept(int group) => Enumerable.Range(0, _pruned[group].Length).Where(c => !_pruned[group][c]).ToArray();

    /// <summary>Prunes every channel of each group not in its kept list (groups absent from <paramref name="kept"/> keep all); masks only grow.</summary>
    public void Grow(IReadOnlyDictionary<int, int[]> kept)
    {
        var changed = false;
        foreach (var (group, channels) in kept)
        {
            var keep = channels.ToHashSet();
            for (var c = 0; c < _pruned[group].Length; c++)
            {
                if (!keep.Contains(c) && !_pruned[group][c])
                {
                    _pruned[group][c] = changed = true;
                }
            }
        }

        if (changed)
        {
            Rebuild();
        }
    }

    /// <summary>Sets the pruned slices to +0 (masked_fill, so never −0).</summary>
    public void Apply()
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, mask) in _masks)
        {
            _weights[name].masked_fill_(mask, 0f);
        }
    }

    public void Dispose()
    {
        foreach (var mask in _masks.Values)
        {
            mask.Dispose();
        }
    }

    // BatchNormalization/InstanceNormalization read X, scale, B, then running statistics: only scale and B are masked.
    private static bool Masked(OnnxGraph graph, ChannelSlice slice) =>
        slice.Role != SliceRole.NormOther || graph.Nodes.First(n => n.DisplayName == slice.Node).Inputs.ToList().IndexOf(slice.Tensor) <= 2;

    private void Rebuild()
    {
        using var scope = torch.NewDisposeScope();
        var masks = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (var g = 0; g < _groups.Count; g++)
        {
            if (!_pruned[g].Any(x => x))
            {
                continue;
            }

            foreach (var slice in _slices[g])
            {
                var weight = _weights[slice.Tensor];
                var length = weight.shape[slice.Axis];
                var along = new bool[length];
                for (long i = 0; i < length; i++)
                {
                    var channel = (i / slice.Block) - slice.Offset;
                    along[i] = channel >= 0 && channel < _pruned[g].Length && _pruned[g][channel];
                }

                var view = Enumerable.Repeat(1L, weight.shape.Length).ToArray();
                view[slice.Axis] = length;
                var mask = torch.tensor(along).reshape(view).expand(weight.shape);
                masks[slice.Tensor] = masks.TryGetValue(slice.Tensor, out var other) ? other.logical_or(mask) : mask;
            }
        }

        foreach (var old in _masks.Values)
        {
            old.Dispose();
        }

        _masks.Clear();
        foreach (var (name, mask) in masks)
        {
            _masks[name] = mask.contiguous().DetachFromDisposeScope();
        }
    }
}
