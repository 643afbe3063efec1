namespace ModelCompress.Onnx.Dependencies;

/// <summary>Carries out a pruning decision: slices the initializers, applies the rewrites, re-infers shapes.</summary>
internal static class ChannelRemover
{
    public static void Remove(ChannelDependencies dependencies, IReadOnlyDictionary<ChannelGroup, int[]> keep)
    {
        var kept = new Dictionary<int, int[]>();
        foreach (var (group, indices) in keep)
        {
            Check(group, indices);
            foreach (var source in group.Sources)
            {
                kept[source] = indices;
            }
        }

        var graph = dependencies.Model.Graph;
        var cuts = dependencies.Groups.SelectMany(g => g.Slices)
            .Where(s => kept.ContainsKey(s.Source))
            .GroupBy(s => (s.Tensor, s.Axis))
            .OrderBy(g => g.Key.Tensor, StringComparer.Ordinal).ThenBy(g => g.Key.Axis);
        foreach (var cut in cuts)
        {
            var removed = new HashSet<long>();
            foreach (var slice in cut)
            {
                var channels = dependencies.Groups.First(g => g.Sources.Contains(slice.Source)).Channels;
                var keepSet = kept[slice.Source].ToHashSet();
                for (var c = 0; c < channels; c++)
                {
                    if (!keepSet.Contains(c))
                    {
                        for (long b = 0; b < slice.Block; b++)
                        {
                            removed.Add(checked(((slice.Offset + c) * slice.Block) + b));
                        }
                    }
                }
            }

            graph.TryGetInitializer(cut.Key.Tensor, out var tensor);
            var groups = cut.Max(s => s.Groups);
            graph.SetInitializer(groups > 1
                ? TensorSlicer.DropGrouped(tensor!, groups, removed)
                : TensorSlicer.Drop(tensor!, cut.Key.Axis, removed));
        }

        long Kept(ChannelSegment segment) =>
            segment.IsPrunable && kept.TryGetValue(segment.Source, out var indices) ? indices.Length : segment.Count;
        foreach (var rewrite in dependencies.Rewrites)
        {
            rewrite.Apply(graph, Kept);
        }

        // Recorded shapes of intermediate values state the old channel counts: infer them afresh.
        graph.Proto.ValueInfo.Clear();
        graph.Invalidate();
        ShapeInference.Infer(dependencies.Model).WriteValueInfo(dependencies.Model);
    }

    private static void Check(ChannelGroup group, int[] indices)
    {
        if (!group.IsPrunable)
        {
            throw new ArgumentException($"Group '{group.Name}' cannot be pruned: {group.BlockedBy}.", nameof(indices));
        }

        if (indices.Length == 0 || indices.Any(i => i < 0 || i >= group.Channels) || indices.Zip(indices.Skip(1)).Any(p => p.First >= p.Second))
        {
            throw new ArgumentException(
                $"Channels to keep in group '{group.Name}' must be sorted, distinct, at least one, and below {group.Channels}.", nameof(indices));
        }

        var per = group.Channels / group.Partitions;
        if (indices.GroupBy(i => i / per).Select(p => p.Count()).ToList() is var counts && group.Partitions > 1 &&
            (counts.Count != group.Partitions || counts.Distinct().Count() != 1))
        {
            throw new ArgumentException(
                $"Group '{group.Name}' feeds grouped convolutions: keep the same number of channels in each of its {group.Partitions} runs of {per}.", nameof(indices));
        }
    }
}
