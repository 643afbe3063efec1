using ModelCompress.Onnx.Dependencies;
using ModelCompress.Onnx.Tests.Support;

namespace ModelCompress.Onnx.Tests.Dependencies;

/// <summary>
/// The correctness proof of channel pruning: zero a set of channels of a group in the original (every member
/// slice: producing weights and biases, BN tensors, per-channel constants, reading weights), remove exactly
/// those channels, and the two models must compute the same outputs in ONNX Runtime.
/// </summary>
internal static class ChannelProof
{
    /// <summary>Proves every prunable group (removing every third channel) and returns how many were proved.</summary>
    public static int ProveAll(OnnxModel original, long[] inputShape, string output, float tolerance = 1e-5f)
    {
        var groups = ChannelDependencies.Build(original.Clone()).Groups.Where(g => g.IsPrunable && g.Channels / g.Partitions > 1).ToList();
        foreach (var group in groups)
        {
            Prove(original, group.Id, inputShape, output, tolerance);
        }

        return groups.Count;
    }

    public static OnnxModel Prove(OnnxModel original, int groupId, long[] inputShape, string output, float tolerance = 1e-5f)
    {
        var pruned = original.Clone();
        var dependencies = ChannelDependencies.Build(pruned);
        var group = dependencies.Groups[groupId];
        // Every third channel of each partition (a grouped Conv's groups must lose as many each).
        var per = group.Channels / group.Partitions;
        var keep = Enumerable.Range(0, (int)group.Channels).Where(c => c % per % 3 != 1).ToArray();
        var removed = Enumerable.Range(0, (int)group.Channels).Except(keep).ToHashSet();

        var zeroed = original.Clone();
        foreach (var slice in group.Slices)
        {
            zeroed.Graph.TryGetInitializer(slice.Tensor, out var tensor);
            zeroed.Graph.SetInitializer(ZeroChannels(tensor!, slice, removed, group.Channels));
        }

        dependencies.Prune(new Dictionary<ChannelGroup, int[]> { [group] = keep });
        var input = OrtRunner.RandomInput(11, inputShape);
        var expected = OrtRunner.Run(zeroed.ToBytes(), input, inputShape, output);
        var actual = OrtRunner.Run(pruned.ToBytes(), input, inputShape, output);
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst <= tolerance, $"group {group.Name}: largest difference {worst} > {tolerance}");
        Assert.True(pruned.ToBytes().Length < original.ToBytes().Length, $"group {group.Name}: the pruned model is not smaller");
        return pruned;
    }

    // Written apart from the pruner's own slicing so that the proof does not share its index arithmetic.
    private static OnnxTensor ZeroChannels(OnnxTensor tensor, ChannelSlice slice, HashSet<int> removed, long channels)
    {
        var values = tensor.ToFloatArray();
        var dims = tensor.Dims;
        var inner = dims.Skip(slice.Axis + 1).Aggregate(1L, (p, d) => p * d);
        for (long i = 0; i < values.LongLength; i++)
        {
            var along = i / inner % dims[slice.Axis];
            if (slice.Groups > 1)
            {
                // A grouped Conv weight: row r's columns are the channels of r's group.
                along += i / (values.LongLength / dims[0]) / (dims[0] / slice.Groups) * dims[slice.Axis];
            }

            var channel = (along / slice.Block) - slice.Offset;
            if (channel >= 0 && removed.Contains((int)channel) && channel < channels)
            {
                values[i] = 0f;
            }
        }

        return OnnxTensor.FromFloats(tensor.Name, dims, values);
    }
}
