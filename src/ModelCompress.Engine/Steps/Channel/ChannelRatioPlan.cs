using ModelCompress.Onnx.Dependencies;

namespace ModelCompress.Engine.Steps.Channel;

/// <summary>
/// Applies a ratio per channel group (by group id) to a copy of a model: each group keeps its best L1-scored
/// channels (at least one) and the rest are removed from every dependent tensor.
/// </summary>
internal static class ChannelRatioPlan
{
    public static OnnxModel Apply(OnnxModel model, IReadOnlyDictionary<int, double> ratios)
    {
        var pruned = model.Clone();
        var dependencies = ChannelDependencies.Build(pruned);
        var plan = new Dictionary<ChannelGroup, int[]>();
        foreach (var group in dependencies.Groups.Where(g => ratios.ContainsKey(g.Id)))
        {
            var kept = group.RoundToPartitions(Kept(group.Channels, ratios[group.Id]));
            if (kept < group.Channels)
            {
                // Highest scores stay (as many from each group of a grouped Conv); ties go to the lower index.
                plan[group] = group.Keep(ChannelImportance.Score(pruned.Graph, group, PruneImportance.L1, 0)!, kept);
            }
        }

        if (plan.Count > 0)
        {
            dependencies.Prune(plan);
        }

        return pruned;
    }

    public static long Kept(long channels, double ratio) => Math.Max(1, channels - (long)Math.Floor(channels * ratio));
}
