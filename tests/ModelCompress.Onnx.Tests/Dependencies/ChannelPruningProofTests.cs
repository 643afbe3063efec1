using ModelCompress.Onnx.Dependencies;

namespace ModelCompress.Onnx.Tests.Dependencies;

public class ChannelPruningProofTests
{
    private static readonly long[] Digits = [2, 1, 8, 8];

    [Theory]
    [InlineData("digits/digits_cnn.onnx", 3)]
    [InlineData("digits/digits_cnn_bn.onnx", 3)]
    [InlineData("digits/digits_mlp.onnx", 2)]
    [InlineData("digits-wide/digits_student_small_init.onnx", 3)]
    [InlineData("digits-wide/digits_wide_cnn.onnx", 6)]
    [InlineData("digits-wide/digits_wide_cnn_fused.onnx", 6)]
    public void Every_group_of_a_fixture_prunes_to_the_same_outputs_as_zeroing_it(string file, int groups)
    {
        var model = OnnxModel.Load(Path.Combine(AppContext.BaseDirectory, "TestData", file));

        Assert.Equal(groups, ChannelProof.ProveAll(model, Digits, "logits"));
    }

    [Fact]
    public void Residual_add_ties_both_branches_into_one_group_and_per_channel_constants_shrink()
    {
        var g = new GraphMaker("x", 2, 3, 6, 6);
        var stem = g.Op("Relu", g.BatchNorm(g.Conv("x", 3, 8), 8));
        var branch = g.Op("Mul", g.Conv(g.Op("Relu", g.Conv(stem, 8, 5)), 5, 8), g.Weight("scale", 8, 1, 1));
        var sum = g.Op("Relu", g.Op("Add", stem, branch));
        var head = g.Gemm(g.Op("Flatten", g.Op("GlobalAveragePool", g.Conv(sum, 8, 6))), 6, 4);
        var model = g.Finish(head, 2, 4);

        var groups = ChannelDependencies.Build(model.Clone()).Groups;
        Assert.Contains(groups, x => x.IsPrunable && x.Producers.Count == 2);
        Assert.Contains(groups, x => !x.IsPrunable && x.BlockedBy!.Contains("graph output", StringComparison.Ordinal));
        Assert.Equal(3, ChannelProof.ProveAll(model, [2, 3, 6, 6], head));
    }

    [Fact]
    public void Concat_keeps_each_input_at_its_offset_and_a_graph_input_in_it_stays_whole()
    {
        var g = new GraphMaker("x", 1, 3, 5, 5);
        var joined = g.Op("Concat", [g.Op("Relu", g.Conv("x", 3, 6)), "x", g.Conv("x", 3, 4, kernel: 1)], n => n.SetAttribute("axis", 1L));
        var model = g.Finish(g.Conv(g.Op("Relu", joined), 13, 5), 1, 5, 5, 5);

        Assert.Equal(2, ChannelProof.ProveAll(model, [1, 3, 5, 5], model.Graph.Outputs[0].Name));
    }

    [Fact]
    public void Depthwise_conv_passes_channels_through_and_its_group_shrinks()
    {
        var g = new GraphMaker("x", 1, 3, 6, 6);
        var depthwise = g.Conv(g.Op("Relu", g.Conv("x", 3, 9)), 9, 9, group: 9);
        var model = g.Finish(g.Conv(g.Op("Relu", depthwise), 9, 4, kernel: 1), 1, 4, 6, 6);

        var pruned = ChannelProof.Prove(model, 0, [1, 3, 6, 6], model.Graph.Outputs[0].Name);

        Assert.Equal(6, pruned.Graph.Nodes.Single(n => n.GetInt("group", 1) > 1).GetInt("group"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Flatten_or_reshape_into_gemm_maps_a_channel_to_a_block_of_features(bool reshape)
    {
        var g = new GraphMaker("x", 2, 3, 8, 8);
        var pooled = g.Op("MaxPool", [g.Op("Relu", g.Conv("x", 3, 6))], n => n.SetAttribute("kernel_shape", [2L, 2L]).SetAttribute("strides", [2L, 2L]));
        var flat = reshape ? g.Op("Reshape", pooled, g.Int64s("shape", 0, 96)) : g.Op("Flatten", pooled);
        var hidden = g.Op("Relu", g.Gemm(flat, 96, 10));
        var model = g.Finish(g.MatMul(hidden, 10, 3), 2, 3);

        Assert.Equal(2, ChannelProof.ProveAll(model, [2, 3, 8, 8], model.Graph.Outputs[0].Name));
    }

    [Fact]
    public void Split_at_the_boundary_of_two_concatenated_convs_hands_each_part_its_group_and_rewrites_the_sizes()
    {
        var g = new GraphMaker("x", 1, 3, 5, 5);
        var joined = g.Op("Concat", [g.Conv("x", 3, 6), g.Conv("x", 3, 4)], n => n.SetAttribute("axis", 1L));
        var split = OnnxNode.Create("Split", "split", [g.Op("Relu", joined), g.Int64s("sizes", 6, 4)], ["left", "right"]).SetAttribute("axis", 1L);
        var graph = g.Graph;
        graph.AddNode(split);
        var model = g.Finish(g.Op("Add", g.Conv("left", 6, 5), g.Conv("right", 4, 5)), 1, 5, 5, 5);

        var pruned = ChannelProof.Prove(model, 0, [1, 3, 5, 5], model.Graph.Outputs[0].Name);
        ChannelProof.Prove(model, 1, [1, 3, 5, 5], model.Graph.Outputs[0].Name);

        var sizes = pruned.Graph.Nodes.Single(n => n.OpType == "Split").Input(1);
        Assert.True(pruned.Graph.TryGetInitializer(sizes, out var tensor));
        Assert.Equal([4L, 4L], tensor.ToInt64Array());
    }

    [Fact]
    public void A_split_through_one_convs_channels_blocks_it()
    {
        var g = new GraphMaker("x", 1, 3, 5, 5);
        var split = OnnxNode.Create("Split", "split", [g.Conv("x", 3, 8), g.Int64s("sizes", 3, 5)], ["a", "b"]).SetAttribute("axis", 1L);
        g.Graph.AddNode(split);
        var model = g.Finish(g.Op("Concat", ["a", "b"], n => n.SetAttribute("axis", 1L)), 1, 8, 5, 5);

        var group = ChannelDependencies.Build(model).Groups[0];

        Assert.Contains("Split 'split' cuts the channels", group.BlockedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void An_op_without_a_channel_rule_blocks_its_group_and_is_named()
    {
        var g = new GraphMaker("x", 1, 3, 6, 6);
        var lrn = g.Op("LRN", [g.Conv("x", 3, 8)], n => n.SetAttribute("size", 3L));
        var model = g.Finish(g.Conv(lrn, 8, 4), 1, 4, 6, 6);

        var group = ChannelDependencies.Build(model).Groups[0];

        Assert.False(group.IsPrunable);
        Assert.Contains("lrn", group.BlockedBy, StringComparison.Ordinal);
        Assert.Contains("(LRN) has no channel rule", group.BlockedBy, StringComparison.Ordinal);
    }
}
