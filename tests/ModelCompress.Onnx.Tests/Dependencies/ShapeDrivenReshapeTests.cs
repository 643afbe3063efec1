using ModelCompress.Onnx.Dependencies;

namespace ModelCompress.Onnx.Tests.Dependencies;

/// <summary>
/// Flatten written as Shape → Gather/Slice → Concat → Reshape (PyTorch's <c>x.view(x.size(0), -1)</c> with a dynamic
/// batch, tf2onnx's Shape → Slice → Concat with a literal feature count) before a Gemm: a channel still maps to a
/// block of features, and a literal count is rewritten.
/// </summary>
public class ShapeDrivenReshapeTests
{
    private static readonly long[] Input = [2, 3, 8, 8];

    [Theory]
    [InlineData("gather", -1L)]
    [InlineData("gather", 96L)]
    [InlineData("slice", 96L)]
    [InlineData("slice", -1L)]
    public void A_reshape_target_computed_from_shape_maps_channels_to_feature_blocks(string batchFrom, long features)
    {
        var (model, target) = Build(batchFrom, features, shareLiteral: false);

        var groups = ChannelDependencies.Build(model.Clone()).Groups;
        Assert.True(groups[0].IsPrunable, groups[0].BlockedBy);
        Assert.Contains(groups[0].Slices, s => s.Role == SliceRole.InputWeight && s.Block == 16);
        Assert.Equal(2, ChannelProof.ProveAll(model, Input, model.Graph.Outputs[0].Name));

        // 6 channels of 4×4 → every third removed leaves 4: a literal 96 becomes 64, a −1 stays.
        var pruned = ChannelProof.Prove(model, 0, Input, model.Graph.Outputs[0].Name);
        Assert.True(pruned.Graph.TryGetInitializer(target, out var literal));
        Assert.Equal(features == -1 ? -1 : 64, literal.ToInt64Array()[0]);
    }

    [Fact]
    public void A_literal_feature_count_shared_with_another_node_is_copied_so_only_this_reshape_changes()
    {
        var (model, literal) = Build("gather", 96, shareLiteral: true);

        var pruned = ChannelProof.Prove(model, 0, Input, model.Graph.Outputs[0].Name);

        Assert.True(pruned.Graph.TryGetInitializer(literal, out var kept));
        Assert.Equal([96L], kept.ToInt64Array());
        var concat = pruned.Graph.Producer(pruned.Graph.Nodes.Single(n => n.Name == "flatten").Input(1))!;
        Assert.True(pruned.Graph.TryGetInitializer(concat.Input(1), out var copy));
        Assert.Equal([64L], copy.ToInt64Array());
    }

    [Fact]
    public void A_target_built_by_a_concat_other_nodes_read_blocks_the_group_and_names_the_reshape()
    {
        var (model, _) = Build("gather", 96, shareLiteral: false);
        var target = model.Graph.Nodes.Single(n => n.Name == "flatten").Input(1);
        model.Graph.AddNode(OnnxNode.Create("Identity", "other", [target], ["other_out"]));

        var group = ChannelDependencies.Build(model).Groups[0];

        Assert.False(group.IsPrunable);
        Assert.Contains("Reshape 'flatten' states the feature count in a value that is computed, or built by a Concat other nodes read too", group.BlockedBy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1L, false)]
    [InlineData(0L, true)]
    public void The_channel_count_read_by_shape_into_another_op_blocks_and_names_it_but_other_dims_do_not(long index, bool prunable)
    {
        // Shape(conv) → Gather(index) → Unsqueeze → ConstantOfShape: a second output whose length is a dim of the conv.
        var g = new GraphMaker("x", Input);
        var conv = g.Conv("x", 3, 6);
        var dim = g.Op("Unsqueeze", g.Op("Gather", [g.Op("Shape", conv), g.Int64Scalar("index", index)], n => n.SetAttribute("axis", 0L)), g.Int64s("axes", 0));
        var filled = g.Named("ConstantOfShape", "fill", dim);
        var model = g.Finish(g.Conv(g.Op("Relu", conv), 6, 4), 2, 4, 8, 8);
        model.Graph.Proto.Output.Add(new ModelCompress.Onnx.Proto.ValueInfoProto { Name = filled });

        var group = ChannelDependencies.Build(model.Clone()).Groups[0];

        Assert.Equal(prunable, group.IsPrunable);
        if (!prunable)
        {
            Assert.Contains("passes the channel count to ConstantOfShape 'fill'", group.BlockedBy, StringComparison.Ordinal);
        }
    }

    private static (OnnxModel Model, string Literal) Build(string batchFrom, long features, bool shareLiteral)
    {
        var g = new GraphMaker("x", Input).SymbolicBatch();
        var pooled = g.Op("MaxPool", [g.Op("Relu", g.Conv("x", 3, 6))], n => n.SetAttribute("kernel_shape", [2L, 2L]).SetAttribute("strides", [2L, 2L]));
        var shape = g.Op("Shape", pooled);
        var batch = batchFrom == "gather"
            ? g.Op("Unsqueeze", g.Op("Gather", [shape, g.Int64Scalar("zero", 0)], n => n.SetAttribute("axis", 0L)), g.Int64s("axes", 0))
            : g.Op("Slice", shape, g.Int64s("starts", 0), g.Int64s("ends", 1));
        var literal = g.Int64s("features", features);
        var target = g.Op("Concat", [batch, literal], n => n.SetAttribute("axis", 0L));
        var flat = g.Named("Reshape", "flatten", pooled, target);
        var hidden = g.Op("Relu", g.Gemm(flat, 96, 10));
        if (shareLiteral)
        {
            // Another node reads the same constant: rewriting it would change that node too.
            g.Op("Concat", [literal, literal], n => n.SetAttribute("axis", 0L));
        }

        return (g.Finish(g.MatMul(hidden, 10, 3), 2, 3), literal);
    }
}
