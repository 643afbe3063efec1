using ModelCompress.Onnx.Dependencies;

namespace ModelCompress.Engine.Steps.Channel;

/// <summary>
/// Scores the channels of a group. Each member tensor gives a score per channel (L1 or L2 norm of the channel's
/// slice, or |γ| of a BatchNormalization); each member's scores are divided by their mean so that large and
/// small tensors weigh alike, and the group's score is the mean over members (DepGraph's group reduction).
/// </summary>
internal static class ChannelImportance
{
    /// <summary>The weights that produce and read the channels: what l1, l2 and taylor score.</summary>
    public static readonly SliceRole[] WeightRoles = [SliceRole.OutputWeight, SliceRole.InputWeight];

    /// <summary>Scores of every channel of <paramref name="group"/>; null for bn_scale when no BN follows it.</summary>
    public static double[]? Score(OnnxGraph graph, ChannelGroup group, PruneImportance importance, int seed)
    {
        if (importance == PruneImportance.Random)
        {
            // Not HashCode.Combine: its seed changes with every process, so the same config would prune other channels.
            var random = new Random(unchecked((seed * 1_000_003) + group.Id) & int.MaxValue);
            return Enumerable.Range(0, (int)group.Channels).Select(_ => random.NextDouble()).ToArray();
        }

        var roles = importance == PruneImportance.Bn_Scale ? [SliceRole.NormScale] : WeightRoles;
        return Reduce(group, roles, importance == PruneImportance.L2, slice =>
        {
            graph.TryGetInitializer(slice.Tensor, out var tensor);
            return (tensor!.ToFloatArray(), tensor.Dims);
        });
    }

    /// <summary>
    /// The group reduction over the members in <paramref name="roles"/>, whose elements <paramref name="values"/>
    /// gives (the weights, or per-element |w·∂L/∂w| for Taylor); null when the group has no such member.
    /// </summary>
    public static double[]? Reduce(ChannelGroup group, IReadOnlyCollection<SliceRole> roles, bool squared, Func<ChannelSlice, (float[] Values, IReadOnlyList<long> Dims)> values)
    {
        var members = group.Slices.Where(s => roles.Contains(s.Role)).ToList();
        if (members.Count == 0)
        {
            return null;
        }

        var total = new double[group.Channels];
        foreach (var slice in members)
        {
            var (elements, dims) = values(slice);
            var scores = Member(elements, dims, slice, group.Channels, squared);
            var mean = scores.Average();
            for (var c = 0; c < total.Length; c++)
            {
                total[c] += mean > 0 ? scores[c] / mean : 0;
            }
        }

        return total.Select(t => t / members.Count).ToArray();
    }

    private static double[] Member(float[] values, IReadOnlyList<long> dims, ChannelSlice slice, long channels, bool squared)
    {
        var scores = new double[channels];
        for (long i = 0; i < values.LongLength; i++)
        {
            var channel = slice.ChannelOf(dims, i);
            if (channel >= 0 && channel < channels)
            {
                var v = (double)values[i];
                scores[channel] += squared ? v * v : Math.Abs(v);
            }
        }

        return squared ? scores.Select(Math.Sqrt).ToArray() : scores;
    }
}
