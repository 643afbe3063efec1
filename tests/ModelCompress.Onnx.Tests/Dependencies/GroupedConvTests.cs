using ModelCompress.Onnx.Dependencies;

namespace ModelCompress.Onnx.Tests.Dependencies;

/// <summary>
/// Grouped Conv (group &gt; 1, not depthwise) keeps its <c>group</c>: its output channels and the channels it reads
/// lose as many from each group, its weight's axis 1 is sliced group by group, and the next layer follows.
/// </summary>
public class GroupedConvTests
{
    private static readonly long[] Input = [2, 4, 6, 6];

    [Fact]
    public void A_grouped_conv_prunes_its_inputs_and_outputs_evenly_per_group_to_the_same_outputs_as_zeroing_them()
    {
        var g = new GraphMaker("x", Input);
        var grouped = g.Conv(g.Op("Relu", g.Conv("x", 4, 12)), 12, 8, group: 4);
        var model = g.Finish(g.Conv(g.Op("Relu", grouped), 8, 5, kernel: 1), 2, 5, 6, 6);
        var output = model.Graph.Outputs[0].Name;

        var groups = ChannelDependencies.Build(model.Clone()).Groups;
        Assert.Equal([4L, 4L], groups.Take(2).Select(x => x.Partitions));
        Assert.Contains(groups[0].Slices, s => s.Groups == 4 && s.Role == SliceRole.InputWeight);
        Assert.Equal(2, ChannelProof.ProveAll(model, Input, output));

        // 12 channels read in 4 groups of 3: the middle one of each goes, so each group reads 2 and group stays 4.
        var pruned = ChannelProof.Prove(model, 0, Input, output);
        var conv = pruned.Graph.Nodes.Single(n => n.GetInt("group", 1) == 4);
        Assert.True(pruned.Graph.TryGetInitializer(conv.Input(1), out var weight));
        Assert.Equal([8L, 2, 3, 3], weight.Dims);

        // Its 8 outputs in 4 groups of 2: the second of each goes.
        pruned = ChannelProof.Prove(model, 1, Input, output);
        Assert.True(pruned.Graph.TryGetInitializer(pruned.Graph.Nodes.Single(n => n.GetInt("group", 1) == 4).Input(1), out weight));
        Assert.Equal([4L, 3, 3, 3], weight.Dims);
    }

    [Fact]
    public void Keep_takes_the_best_channels_of_each_group_and_an_uneven_plan_is_refused()
    {
        var g = new GraphMaker("x", Input);
        var model = g.Finish(g.Conv(g.Op("Relu", g.Conv("x", 4, 6, group: 2)), 6, 3, kernel: 1), 2, 3, 6, 6);
        var dependencies = ChannelDependencies.Build(model);
        var group = dependencies.Groups[0];

        // Scores favour group 0; asking for 3 keeps 2 per group (rounded up to whole partitions), best first.
        Assert.Equal(4, group.RoundToPartitions(3));
        Assert.Equal([0, 1, 3, 5], group.Keep([9, 8, 7, 1, 0, 2], 3));
        var error = Assert.Throws<ArgumentException>(() => dependencies.Prune(new Dictionary<ChannelGroup, int[]> { [group] = [0, 1, 3] }));
        Assert.Contains("same number of channels in each of its 2 runs of 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_depthwise_conv_with_a_channel_multiplier_shrinks_its_group_count_with_its_inputs()
    {
        // 4 channels, each making 2 outputs (group 4, 8 outputs): a channel goes with both of its outputs.
        var g = new GraphMaker("x", Input);
        var multiplier = g.Conv(g.Op("Relu", g.Conv("x", 4, 4)), 4, 8, group: 4);
        var model = g.Finish(g.Conv(g.Op("Relu", g.BatchNorm(multiplier, 8)), 8, 5, kernel: 1), 2, 5, 6, 6);

        var groups = ChannelDependencies.Build(model.Clone()).Groups;
        Assert.True(groups[0].IsPrunable, groups[0].BlockedBy);
        Assert.Contains(groups[0].Slices, s => s.Role == SliceRole.NormScale && s.Block == 2);

        // Channel 1 of 4 goes (every third): 3 groups remain, 6 outputs, and the next conv reads 6.
        var pruned = ChannelProof.Prove(model, 0, Input, model.Graph.Outputs[0].Name);
        var conv = pruned.Graph.Nodes.Single(n => n.GetInt("group", 1) > 1);
        Assert.Equal(3, conv.GetInt("group"));
        Assert.True(pruned.Graph.TryGetInitializer(conv.Input(1), out var weight));
        Assert.Equal([6L, 1, 3, 3], weight.Dims);
    }

    [Fact]
    public void A_grouped_conv_reading_channels_of_two_sources_blocks_them_and_says_why()
    {
        var g = new GraphMaker("x", Input);
        var joined = g.Op("Concat", [g.Conv("x", 4, 4), g.Conv("x", 4, 4)], n => n.SetAttribute("axis", 1L));
        var model = g.Finish(g.Conv(g.Op("Relu", joined), 8, 4, group: 2), 2, 4, 6, 6);

        var groups = ChannelDependencies.Build(model).Groups;

        Assert.All(groups.Take(2), x => Assert.Contains("reads channels of several sources or fixed ones", x.BlockedBy, StringComparison.Ordinal));
    }
}
