using ModelCompress.Onnx.Dependencies;

namespace ModelCompress.Engine.Steps.Channel;

/// <summary>
/// Decides how many channels each group keeps and which: layer scope removes the same fraction everywhere;
/// global scope removes the lowest group-normalized scores across all groups, never below one channel (or
/// min_channels) per group. Kept counts are then rounded to round_to, and the best-scored channels kept.
/// </summary>
internal static class ChannelAllocation
{
    public static Dictionary<ChannelGroup, int[]> Plan(
        IReadOnlyList<(ChannelGroup Group, double[] Scores)> groups, ChannelPruneSettings settings, Func<string, SourcePosition> at)
    {
        var bag = new DiagnosticBag();
        foreach (var (group, _) in groups.Where(g => settings.MinChannels > g.Group.Channels))
        {
            bag.Add(ChannelPruneStepDiagnostics.MinAboveChannels(group.Name, group.Channels, settings.MinChannels!.Value, at("min_channels")));
        }

        bag.ThrowIfErrors();
        var counts = settings.Scope == PruneScope.Global ? GlobalCounts(groups, settings) : groups.Select(g => Keep(g.Group.Channels, settings.Sparsity)).ToArray();
        var plan = new Dictionary<ChannelGroup, int[]>();
        for (var i = 0; i < groups.Count; i++)
        {
            var (group, scores) = groups[i];
            var kept = Round(counts[i], settings.RoundTo, group.Channels);
            if (kept == 0 && settings.MinChannels is null)
            {
                bag.Add(ChannelPruneStepDiagnostics.WouldEmpty(group.Name, group.Channels, settings.Sparsity, settings.RoundTo, at("sparsity")));
                continue;
            }

            // Grouped convolutions need the same count in each of their groups: round up to whole partitions.
            kept = group.RoundToPartitions(Math.Max(kept, settings.MinChannels ?? 1));
            if (kept < group.Channels)
            {
                // Highest scores stay; ties go to the lower index so the choice is deterministic.
                plan[group] = group.Keep(scores, kept);
            }
        }

        bag.ThrowIfErrors();
        return plan;
    }

    private static long Keep(long channels, double sparsity) => channels - (long)Math.Floor(channels * sparsity);

    private static long Round(long kept, int roundTo, long channels) =>
        roundTo <= 1 ? kept : Math.Min(channels, (long)Math.Round((double)kept / roundTo, MidpointRounding.AwayFromZero) * roundTo);

    private static long[] GlobalCounts(IReadOnlyList<(ChannelGroup Group, double[] Scores)> groups, ChannelPruneSettings settings)
    {
        var counts = groups.Select(g => g.Group.Channels).ToArray();
        var floor = settings.MinChannels ?? 1;
        var total = counts.Sum();
        var toRemove = (long)Math.Floor(total * settings.Sparsity);
        var ranked = groups.SelectMany((g, i) => g.Scores.Select((s, c) => (Score: s, Group: i, Channel: c)))
            .OrderBy(x => x.Score).ThenBy(x => x.Group).ThenBy(x => x.Channel);
        foreach (var (_, group, _) in ranked)
        {
            if (toRemove == 0)
            {
                break;
            }

            if (counts[group] > floor)
            {
                counts[group]--;
                toRemove--;
            }
        }

        return counts;
    }
}
